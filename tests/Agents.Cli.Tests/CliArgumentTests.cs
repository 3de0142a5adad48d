using System;
using System.IO;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary>Bad command lines: exit code 2 and a message naming what is wrong, before any model is touched.</summary>
public class CliArgumentTests
{
    [Fact]
    public async Task Main_NoArguments_ExitsTwoWithUsage()
    {
        // Act
        var result = await AgentsCli.RunAsync();

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("usage: agents", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnknownCommand_ExitsTwoNamingCommand()
    {
        // Act
        var result = await AgentsCli.RunAsync("frobnicate");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("'frobnicate'", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Fact]
    public async Task Generate_WithoutModel_ExitsTwoNamingModelOption()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--prompt", "hi");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--model", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Fact]
    public async Task Generate_MaxTokensNotANumber_ExitsTwoNamingOptionAndValue()
    {
        // Act: parsed before the model loads, so the (missing) model folder is never read.
        var result = await AgentsCli.RunAsync("generate", "--model", "/nonexistent", "--prompt", "hi", "--max-tokens", "abc");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--max-tokens", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("'abc'", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Theory]
    [InlineData("--prompt-file", "generate --model /nonexistent --prompt hi --prompt-file -")]
    [InlineData("'magic' is unknown; use one of: none, fastervlm", "generate --model /nonexistent --prompt hi --pruning magic")]
    [InlineData("--keep 'lots' is not a budget", "generate --model /nonexistent --prompt hi --keep lots")]
    [InlineData("--top-p needs a number in", "generate --model /nonexistent --prompt hi --top-p 2")]
    [InlineData("--prompt-ids needs comma-separated integers, got '1,x'", "generate --model /nonexistent --prompt-ids 1,x")]
    [InlineData("--methods has unknown 'magic'", "bench pruning --model /nonexistent --methods uniform,magic")]
    [InlineData("--budgets has '200%'", "bench pruning --model /nonexistent --budgets 50%,200%")]
    [InlineData("--dtype must be one of fp32, fp16, int4, int8, got 'fp8'", "model build --from /nonexistent --out /nonexistent --dtype fp8")]
    [InlineData("--decoder must be one of standard, fused, got 'turbo'", "model build --from /nonexistent --out /nonexistent --decoder turbo")]
    [InlineData("--block-size", "model build --from /nonexistent --out /nonexistent --dtype int4 --block-size 8")]
    [InlineData("bench quantization needs at least one --compare package", "bench quantization --reference /nonexistent")]
    [InlineData("agents model --help", "model")]
    [InlineData("--from 'tests' is not a checkpoint folder (llava-hf or Qwen2.5-VL: config.json", "model build --from tests --out /nonexistent/agents-cli-unused")]
    [InlineData("--model 'tests' is a folder but neither a model package", "generate --model tests --prompt hi")]
    [InlineData("<package> 'tests' is a folder but neither a model package", "model info tests")]
    public async Task BadArguments_ExitTwoBeforeAnyModelIsRead_NamingTheProblem(string expected, string commandLine)
    {
        // Act
        var result = await AgentsCli.RunAsync(commandLine.Split(' '));

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Theory]
    [InlineData("--model", "is a file; give the package folder (with vlm-package.json) or a checkpoint folder (llava-hf or Qwen2.5-VL)")]
    [InlineData("--image", "is a folder, not an image file")]
    public async Task Generate_PathOfTheWrongKind_ExitsTwoSayingWhatItIs(string option, string expected)
    {
        // Arrange
        var args = option == "--model"
            ? new[] { "generate", "--model", Path.Combine(CliFixtures.RepoRoot, "README.md"), "--prompt", "hi" }
            : new[] { "generate", "--model", CliFixtures.TinyLlava, "--prompt", "hi", "--image", CliFixtures.TinyLlava };

        // Act
        var result = await AgentsCli.RunAsync(args);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("synth")]
    public async Task Model_OutputFolderExists_ExitsTwoNamingOverwrite(string command)
    {
        // Arrange
        var output = Path.Combine(Path.GetTempPath(), "agents-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "keep.txt"), "already here");
        var args = command == "build"
            ? new[] { "model", "build", "--from", CliFixtures.TinyLlava, "--out", output }
            : new[] { "model", "synth", "--out", output };

        try
        {
            // Act
            var result = await AgentsCli.RunAsync(args);

            // Assert
            Assert.True(result.ExitCode == 2, result.Describe());
            Assert.Contains("--overwrite", result.StandardError, StringComparison.Ordinal);
            Assert.Equal(new[] { "keep.txt" }, Array.ConvertAll(Directory.GetFileSystemEntries(output), Path.GetFileName));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
