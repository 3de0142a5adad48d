using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary>Prompt files and stdin, requests the model cannot take (exit 2, no .NET parameter suffix), warnings, and checkpoint folders where a package is expected.</summary>
[Collection(BuiltPackageCollection.Name)]
public class CliInputTests
{
    private const string Question = "What is in the image?";
    private readonly BuiltPackageFixture _package;

    public CliInputTests(BuiltPackageFixture package) => _package = package;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GeneratePromptFile_SameTextAsPrompt_GivesSameTokens(bool fromStandardInput)
    {
        // Arrange
        var package = _package.RequirePackage();
        var file = _package.TempFile("question.txt");
        await File.WriteAllTextAsync(file, Question);
        var run = new CliRun { StandardInput = fromStandardInput ? Question : null };
        var expected = await AgentsCli.RunAsync("generate", "--model", package, "--cpu", "--json", "--prompt", Question, "--image", CliFixtures.TinyLlavaImage, "--max-tokens", "6");

        // Act
        var result = await AgentsCli.RunAsync(run, "generate", "--model", package, "--cpu", "--json", "--prompt-file", fromStandardInput ? "-" : file, "--image", CliFixtures.TinyLlavaImage, "--max-tokens", "6");

        // Assert
        Assert.True(expected.ExitCode == 0, expected.Describe());
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(TokenIds(expected), TokenIds(result));
    }

    [Fact]
    public async Task GeneratePromptFile_HundredThousandWords_ExitsTwoWithContextMessageWithoutParameterSuffix()
    {
        // Arrange: far more than any command line takes, and far more than the tiny model's context.
        var package = _package.RequirePackage();
        var file = _package.TempFile("long-prompt.txt");
        var words = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            words.Append(i % 7 == 0 ? "harbour " : "boat ");
        }

        await File.WriteAllTextAsync(file, words.ToString());

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", package, "--cpu", "--prompt-file", file);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("context", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Theory]
    [InlineData("no-such-prompt.txt' does not exist", "--prompt-file", "{temp}/no-such-prompt.txt")]
    [InlineData("Prompt token id 99999 is outside the vocabulary", "--prompt-ids", "1,5,99999")]
    [InlineData("rebuild it with `agents model build --from <checkpoint> --stages auto`", "--prompt", Question, "--image", "{image}", "--pruning", "fastv")]
    public async Task Generate_RequestThePackageCannotTake_ExitsTwoWithoutParameterSuffix(string expected, params string[] request)
    {
        // Arrange
        var package = _package.RequirePackage();
        var args = new[] { "generate", "--model", package, "--cpu" }
            .Concat(request.Select(a => a.Replace("{temp}", _package.TempFile(string.Empty).TrimEnd('/'), StringComparison.Ordinal).Replace("{image}", CliFixtures.TinyLlavaImage, StringComparison.Ordinal)))
            .ToArray();

        // Act
        var result = await AgentsCli.RunAsync(args);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Fact]
    public async Task GenerateKeep_MoreThanTheImagesTokens_WarnsOnStderrAndRuns()
    {
        // Arrange (the tiny model has a 4x4 grid: 16 visual tokens per image)
        var package = _package.RequirePackage();

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", package, "--cpu", "--json", "--prompt", Question, "--image", CliFixtures.TinyLlavaImage, "--keep", "999", "--max-tokens", "2");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("warning: --keep 999 is more than the 16 visual tokens", result.StandardError, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(16, json.RootElement.GetProperty("usage").GetProperty("visual_tokens_kept").GetInt32());
    }

    [Fact]
    public async Task ModelInfoJson_CheckpointFolder_BuildsIntoCacheAndPrintsOnlyJson()
    {
        // Act
        var result = await AgentsCli.RunAsync(_package.WithCache(), "model", "info", CliFixtures.TinyLlava, "--json");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("llava", json.RootElement.GetProperty("family").GetString());
        Assert.StartsWith(_package.CacheDirectory, json.RootElement.GetProperty("directory").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateJson_CheckpointFolder_StdoutIsOnlyJson()
    {
        // Act
        var result = await AgentsCli.RunAsync(_package.WithCache(), "generate", "--model", CliFixtures.TinyLlava, "--cpu", "--json", "--prompt", Question, "--max-tokens", "2");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(2, json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task BenchPruning_CheckpointFolder_PrintsTableAndWritesJson()
    {
        // Arrange
        var jsonPath = _package.TempFile("bench-pruning.json");

        // Act
        var result = await AgentsCli.RunAsync(_package.WithCache(), "bench", "pruning", "--model", CliFixtures.TinyLlava, "--methods", "uniform", "--budgets", "50%", "--repeats", "1", "--warmup", "0", "--json", jsonPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("prefill ratio", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("uniform", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        Assert.Equal(new[] { "none", "uniform" }, json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("method").GetString()).ToArray());
    }

    [Fact]
    public async Task BenchPruningFastv_PackageWithoutStages_ExitsTwoWithRebuildHint()
    {
        // Arrange
        var package = _package.RequirePackage();

        // Act
        var result = await AgentsCli.RunAsync("bench", "pruning", "--model", package, "--methods", "uniform,fastv", "--repeats", "1", "--warmup", "0");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--stages auto", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchRuntime_NoPeer_PrintsWorkloadTable()
    {
        // Arrange
        var package = _package.RequirePackage();
        var jsonPath = _package.TempFile("bench-runtime.json");

        // Act
        var result = await AgentsCli.RunAsync("bench", "runtime", "--model", package, "--no-peer", "--repeats", "1", "--warmup", "0", "--max-tokens", "4", "--json", jsonPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("image+text", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("decode tok/s", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        Assert.Equal(4, json.RootElement.GetProperty("new_tokens").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("genai_peer", out _));
    }

    [Fact]
    public async Task BenchRuntime_PackageWithoutGenAiDecoder_SkipsPeerWithRebuildHint()
    {
        // Arrange
        var package = _package.RequirePackage();
        var jsonPath = _package.TempFile("bench-runtime-peer.json");

        // Act
        var result = await AgentsCli.RunAsync("bench", "runtime", "--model", package, "--repeats", "1", "--warmup", "0", "--max-tokens", "2", "--json", jsonPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("--with-genai-decoder", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        Assert.Equal("package has no genai/ decoder", json.RootElement.GetProperty("genai_peer").GetProperty("skipped").GetString());
    }

    [Fact]
    public async Task BenchChat_TinyPackage_PrintsMaskAndCallerTables()
    {
        // Arrange
        var package = _package.RequirePackage();

        // Act
        var result = await AgentsCli.RunAsync("bench", "chat", "--model", package, "--repeats", "1", "--max-tokens", "4");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("tool call mask", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("callers", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChat_Json_ReportsRatiosAndUnbatchedThroughputPerCallerCount()
    {
        // Arrange
        var package = _package.RequirePackage();
        var jsonPath = _package.TempFile("bench-chat.json");

        // Act
        var result = await AgentsCli.RunAsync("bench", "chat", "--model", package, "--repeats", "1", "--throughput-repeats", "1", "--max-tokens", "4", "--json", jsonPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("batched / unbatched", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        var ratios = json.RootElement.GetProperty("throughput_ratio_to_one_caller");
        Assert.Equal(1.0, ratios.GetProperty("1").GetDouble(), 3);
        foreach (var callers in new[] { "1", "4", "16" })
        {
            Assert.True(ratios.GetProperty(callers).GetDouble() > 0);
            Assert.True(json.RootElement.GetProperty("unbatched_throughput_tokens_per_s_by_callers").GetProperty(callers).GetDouble() > 0);
        }
    }

    [Fact]
    public async Task BenchServe_TinyPackage_EveryLevelServedWithoutErrorsAndJson()
    {
        // Arrange
        var package = _package.RequirePackage();
        var jsonPath = _package.TempFile("bench-serve.json");

        // Act
        var result = await AgentsCli.RunAsync("bench", "serve", "--model", package, "--clients", "1,3", "--requests", "2", "--max-tokens", "4", "--json", jsonPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("p99 ms", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        var levels = json.RootElement.GetProperty("levels").EnumerateArray().ToArray();
        Assert.Equal([(1, 2, 0), (3, 6, 0)], levels.Select(l => (l.GetProperty("clients").GetInt32(), l.GetProperty("requests").GetInt32(), l.GetProperty("errors").GetInt32())));
        Assert.All(levels, l => Assert.True(l.GetProperty("requests_per_second").GetDouble() > 0));
    }

    [Fact]
    public async Task BenchServe_EndpointNotHttp_UsageErrorNamingIt()
    {
        var result = await AgentsCli.RunAsync("bench", "serve", "--endpoint", "ftp://example/v1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--endpoint 'ftp://example/v1'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchEmbeddings_SmallRun_PrintsRowPerBatchSizeAndJson()
    {
        // Arrange
        var jsonPath = _package.TempFile("bench-embeddings.json");

        // Act
        var result = await AgentsCli.RunAsync("bench", "embeddings", "--batch-sizes", "1,8", "--repeats", "1", "--warmup", "0", "--json", jsonPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("sentences/s", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("batch 8 / batch 1", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        Assert.Equal("all-MiniLM-L6-v2", json.RootElement.GetProperty("model").GetString());
        var rows = json.RootElement.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.True(r.GetProperty("sentences_per_second").GetDouble() > 0));
    }

    [Fact]
    public async Task BenchEmbeddings_BatchSizeZero_ExitsTwo()
    {
        var result = await AgentsCli.RunAsync("bench", "embeddings", "--batch-sizes", "0");

        Assert.Equal(2, result.ExitCode);
    }

    private static int[] TokenIds(CliResult result)
    {
        using var json = JsonDocument.Parse(result.StandardOutput);
        return CliFixtures.Ints(json.RootElement.GetProperty("token_ids"));
    }
}
