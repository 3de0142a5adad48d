using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Agents.TestSupport;

namespace Samples.Tests;

/// <summary>Every sample under <c>samples/</c> runs as a user runs it (from the repository root) and ends with exit code 0 and its expected output.</summary>
public sealed class SampleSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("ChatAgent", "[empathy: tone negative", new string[0])]
    [InlineData("GuiAutomation", "PASS: the confirmation page shows the submitted values", new string[0])]
    [InlineData("SdkEmbedding", "affect.analyze_sentiment: SentimentScores", new string[0])]
    [InlineData("GuiSignIn", "dom", new string[0])]
    [InlineData("AffectCheck", "sentiment: compound", new[] { "tests/fixtures/tiny-llava" })]
    [InlineData("ImageQuestion", "", new[] { "tests/fixtures/tiny-llava", "tests/fixtures/tiny-llava/image.png" })]
    [InlineData("KernelToolCalling", "", new[] { "tests/fixtures/tiny-llava", "tests/fixtures/tiny-llava/image.png" })]
    [InlineData("ToolShortlist", "", new[] { "tests/fixtures/tiny-llava" })]
    public async Task Sample_RunFromTheRepositoryRoot_ExitCode0WithItsOutput(string sample, string expected, string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(sample, arguments);

        Assert.True(exitCode == 0, $"{sample} exited {exitCode}\nstdout:\n{output}\nstderr:\n{error}");
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string sample, string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var program = Path.Combine(Fixtures.RepoRoot, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(program), $"{program} is not built (the test project references every sample so the build makes it)");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Fixtures.RepoRoot,
        };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{sample} did not finish within {Timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
