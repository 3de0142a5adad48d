using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary>
/// <c>agents model synth --preset qwen-small</c>'s argument checks, and <c>bench pruning</c> / <c>bench runtime</c> on a
/// package built from the tiny Qwen2.5-VL fixture (no [CLS] attention, no GenAI peer).
/// </summary>
public sealed class CliQwenBenchTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agents-cli-tests", Guid.NewGuid().ToString("N"));

    private static string TinyQwen => Path.Combine(CliFixtures.RepoRoot, "tests", "fixtures", "tiny-qwen2_5_vl");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ModelSynthHelp_Always_ListsTheQwenPreset()
    {
        // Act
        var result = await AgentsCli.RunAsync("model", "synth", "--help");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("qwen-small", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("small", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelSynth_QwenPresetWithLlavaTokenizer_ExitsTwoAndWritesNothing()
    {
        // Arrange
        var output = Path.Combine(_root, "ckpt");

        // Act
        var result = await AgentsCli.RunAsync("model", "synth", "--preset", "qwen-small", "--out", output, "--tokenizer-from", CliFixtures.TinyLlava);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--tokenizer-from", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("tokenizer.json", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public async Task ModelSynth_QwenPresetWithoutQwenAddedTokens_ExitsTwoNamingTheId()
    {
        // Arrange: the fixture's tokenizer with <|image_pad|> renamed.
        var tokenizer = Path.Combine(_root, "tokenizer");
        Directory.CreateDirectory(tokenizer);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TinyQwen, "tokenizer.json")))!;
        json["added_tokens"]!.AsArray().Single(t => (int)t!["id"]! == 515)!["content"] = "<|not_image|>";
        await File.WriteAllTextAsync(Path.Combine(tokenizer, "tokenizer.json"), json.ToJsonString());
        var output = Path.Combine(_root, "ckpt");

        // Act
        var result = await AgentsCli.RunAsync("model", "synth", "--preset", "qwen-small", "--out", output, "--tokenizer-from", tokenizer);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("id 515", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "model.safetensors")));
    }

    [Fact]
    public async Task BenchPruning_QwenPackageDefaultMethods_LeavesOutTheClsMethodsWithANote()
    {
        // Arrange
        var package = await BuildTinyQwenAsync();
        var json = Path.Combine(_root, "pruning.json");

        // Act
        var result = await AgentsCli.RunAsync("bench", "pruning", "--model", package, "--budgets", "50%", "--repeats", "1", "--warmup", "0", "--threads", "1", "--json", json);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("leaving out fastervlm, vtc-cls, fopru-rank", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("the image gave 16 visual tokens", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.StandardError, StringComparison.Ordinal);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        var methods = report["rows"]!.AsArray().Select(r => (string)r!["method"]!).Distinct().ToArray();
        Assert.Equal(["none", "visionzip", "divprune", "bipartite-merge", "uniform", "random", "pool-2x2", "pool-4x4"], methods);
        Assert.Equal(16, (int)report["visual_tokens_per_image"]!);
    }

    [Fact]
    public async Task BenchRuntime_QwenPackage_SkipsTheGenAiPeerWithANote()
    {
        // Arrange
        var package = await BuildTinyQwenAsync();

        // Act
        var result = await AgentsCli.RunAsync("bench", "runtime", "--model", package, "--max-tokens", "2", "--repeats", "1", "--warmup", "0");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("GenAI peer skipped", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("not supported for 'qwen2_5_vl' packages", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("--with-genai-decoder", result.StandardOutput, StringComparison.Ordinal);
    }

    private async Task<string> BuildTinyQwenAsync()
    {
        var package = Path.Combine(_root, "package");
        var build = await AgentsCli.RunAsync("model", "build", "--from", TinyQwen, "--out", package);
        Assert.True(build.ExitCode == 0, "'agents model build' on tests/fixtures/tiny-qwen2_5_vl failed:\n" + build.Describe());
        return package;
    }
}
