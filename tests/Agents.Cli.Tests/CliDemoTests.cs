using System;
using System.IO;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary>
/// <c>agents demo</c> end to end (test site, Chromium, the GUI agent) on the random-weight tiny fixture: it cannot do
/// the task, so the command must say so with exit code 1, after printing its steps and writing the report.
/// </summary>
[Collection(BuiltPackageCollection.Name)]
public sealed class CliDemoTests
{
    private readonly BuiltPackageFixture _package;

    public CliDemoTests(BuiltPackageFixture package) => _package = package;

    [Fact]
    public async Task Demo_RandomWeightModel_StepsPrintedReportWrittenExitCode1()
    {
        // Arrange
        var report = _package.TempFile("demo-report.html");

        // Act
        var result = await AgentsCli.RunAsync("demo", "--model", _package.RequirePackage(), "--max-steps", "3", "--report", report);

        // Assert
        Assert.True(result.ExitCode == 1, result.Describe());
        Assert.Contains("step  1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("NOT DONE after", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("check: ", result.StandardOutput, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(report);
        Assert.Contains("Not done", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ModelAndEndpointBoth_UsageError()
    {
        var result = await AgentsCli.RunAsync("demo", "--model", "x", "--endpoint", "http://127.0.0.1:1/v1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--model or --endpoint, not both", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_KeepWithoutPruning_UsageError()
    {
        var result = await AgentsCli.RunAsync("demo", "--keep", "25%");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs --pruning", result.StandardError, StringComparison.Ordinal);
    }
}
