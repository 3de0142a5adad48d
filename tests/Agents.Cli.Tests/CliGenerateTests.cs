using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>agents generate</c> against the PyTorch goldens of the tiny-llava fixture, and its bad inputs (exit 2).</summary>
[Collection(BuiltPackageCollection.Name)]
public class CliGenerateTests
{
    private const float LogitTolerance = 1e-4f;
    private readonly BuiltPackageFixture _package;

    public CliGenerateTests(BuiltPackageFixture package) => _package = package;

    [Fact]
    public async Task GenerateJson_GoldenPromptIdsAndImage_ReturnsGreedyIdsAndUsage()
    {
        // Arrange
        var package = _package.RequirePackage();
        var golden = CliFixtures.Golden();
        var promptIds = string.Join(',', CliFixtures.Ints(golden.GetProperty("input_ids")));

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", package, "--cpu", "--json", "--prompt-ids", promptIds, "--image", CliFixtures.TinyLlavaImage, "--max-tokens", "16");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(CliFixtures.Ints(golden.GetProperty("greedy_ids")), CliFixtures.Ints(root.GetProperty("token_ids")));
        var usage = root.GetProperty("usage");
        Assert.Equal(27, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(16, usage.GetProperty("visual_tokens_total").GetInt32());
        Assert.Equal(16, usage.GetProperty("visual_tokens_kept").GetInt32());
        Assert.Equal(16, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal("Length", root.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task GenerateLogits_GoldenPromptIdsAndImage_WritesPrefillLogitsMatchingGolden()
    {
        // Arrange
        var package = _package.RequirePackage();
        var golden = CliFixtures.Golden();
        var promptIds = string.Join(',', CliFixtures.Ints(golden.GetProperty("input_ids")));
        var logitsPath = _package.TempFile("logits.json");

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", package, "--cpu", "--prompt-ids", promptIds, "--image", CliFixtures.TinyLlavaImage, "--max-tokens", "1", "--logits", logitsPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(File.ReadAllBytes(logitsPath));
        var logits = CliFixtures.Floats(json.RootElement);
        var expected = CliFixtures.Floats(golden.GetProperty("prefill_logits_last"));
        Assert.Equal(514, logits.Length);
        var maxDiff = logits.Zip(expected, (a, b) => MathF.Abs(a - b)).Max();
        Assert.True(maxDiff <= LogitTolerance, $"Prefill logits differ from the golden by up to {maxDiff}.");
    }

    [Fact]
    public async Task Generate_ImageFileMissing_ExitsTwoNamingFile()
    {
        // Arrange
        var package = _package.RequirePackage();
        var missing = _package.TempFile("no-such-image.png");

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", package, "--prompt", "hi", "--image", missing);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("no-such-image.png", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Fact]
    public async Task Generate_ModelFolderMissing_ExitsTwoWithMessage()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", "/nonexistent", "--prompt", "hi");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("/nonexistent", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Fact]
    public async Task Generate_CorruptImage_ExitsTwoNamingImage()
    {
        // Arrange
        var package = _package.RequirePackage();
        var corrupt = _package.TempFile("corrupt.png");
        var bytes = new byte[2048];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0;
        await File.WriteAllBytesAsync(corrupt, bytes);

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", package, "--prompt", "What is this?", "--image", corrupt);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("corrupt.png", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }
}
