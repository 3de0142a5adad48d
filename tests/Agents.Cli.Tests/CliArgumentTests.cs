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

    [Fact]
    public async Task Generate_TwoPromptSources_ExitsTwoNamingAllThree()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", "/nonexistent", "--prompt", "hi", "--prompt-file", "-");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--prompt-file", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--prompt-ids", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ModelIsAFile_ExitsTwoSayingItIsAFile()
    {
        // Arrange
        var file = Path.Combine(CliFixtures.RepoRoot, "README.md");

        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", file, "--prompt", "hi");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("is a file; give the package folder", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ImageIsAFolder_ExitsTwoSayingItIsAFolder()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", CliFixtures.TinyLlava, "--prompt", "hi", "--image", CliFixtures.TinyLlava);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("is a folder, not an image file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UnknownPruningMethod_ExitsTwoListingMethods()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", "/nonexistent", "--prompt", "hi", "--pruning", "magic");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("'magic'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("fastervlm", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_KeepNotABudget_ExitsTwoNamingValue()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--model", "/nonexistent", "--prompt", "hi", "--keep", "lots");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--keep 'lots'", result.StandardError, StringComparison.Ordinal);
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

    [Fact]
    public async Task ModelBuild_FromIsNotACheckpoint_ExitsTwoSayingWhatIsExpected()
    {
        // Act
        var result = await AgentsCli.RunAsync("model", "build", "--from", Path.Combine(CliFixtures.RepoRoot, "tests"), "--out", Path.Combine(Path.GetTempPath(), "agents-cli-unused"));

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("is not a llava-hf checkpoint folder", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_NoSubcommand_ExitsTwoPointingAtHelp()
    {
        // Act
        var result = await AgentsCli.RunAsync("model");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("agents model --help", result.StandardError, StringComparison.Ordinal);
    }
}
