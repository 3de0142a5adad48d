using System;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>--help</c> on every command and subcommand: usage on stdout, exit 0, nothing run.</summary>
public class CliHelpTests
{
    public static TheoryData<string> Commands() =>
        ["", "model", "model build", "model info", "model synth", "generate", "bench", "bench chat", "bench pruning", "bench runtime", "bench embeddings", "eval", "eval grounding", "data", "data gui"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ExitsZeroWithUsageOfThatCommand(string command)
    {
        // Arrange
        var args = command.Length == 0 ? new[] { "--help" } : [.. command.Split(' '), "--help"];

        // Act
        var result = await AgentsCli.RunAsync(args);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"agents {command}".TrimEnd(), result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardError);
    }

    [Fact]
    public async Task Help_Generate_ListsPromptFileAndDefaults()
    {
        // Act
        var result = await AgentsCli.RunAsync("generate", "--help");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("--prompt-file", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[default: 64]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fastervlm when --keep is given", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpCommand_WithCommandName_PrintsThatCommandsHelp()
    {
        // Act
        var result = await AgentsCli.RunAsync("help", "model", "build");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("--overwrite", result.StandardOutput, StringComparison.Ordinal);
    }
}
