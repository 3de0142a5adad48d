using System;
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
}
