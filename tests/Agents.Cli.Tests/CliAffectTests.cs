using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>agents affect</c>: VADER per line from a file or stdin, as a table or JSON lines; a missing file exits 2.</summary>
public sealed class CliAffectTests : IDisposable
{
    // Scores from the original Python VADER (tests/fixtures/vader/reference.json).
    private const string Lines = "The movie was NOT good.\nNo worries, everything is fine.\n\nI LOVE this!\n";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agents-cli-affect-" + Guid.NewGuid().ToString("N")[..12]);

    public CliAffectTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AffectJson_FileOrStdin_OneObjectPerLineWithReferenceScores(bool fromStandardInput)
    {
        // Arrange
        var file = Path.Combine(_folder, "lines.txt");
        await File.WriteAllTextAsync(file, Lines);
        var run = new CliRun { StandardInput = fromStandardInput ? Lines : null };

        // Act
        var result = await AgentsCli.RunAsync(run, "affect", "--input", fromStandardInput ? "-" : file, "--json");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        var objects = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(4, objects.Count);
        Assert.Equal(["The movie was NOT good.", "No worries, everything is fine.", string.Empty, "I LOVE this!"], objects.Select(o => o.GetProperty("text").GetString()));
        Assert.Equal([-0.3412, 0.4822, 0.0, 0.7371], objects.Select(o => o.GetProperty("compound").GetDouble()));
        Assert.Equal([0.376, 0.0, 0.0, 0.0], objects.Select(o => o.GetProperty("neg").GetDouble()));
        Assert.Equal([0.624, 0.421, 0.0, 0.277], objects.Select(o => o.GetProperty("neu").GetDouble()));
        Assert.Equal([0.0, 0.579, 0.0, 0.723], objects.Select(o => o.GetProperty("pos").GetDouble()));

        // "NOT good": good 1.9 * -0.74; "No worries": worries -1.8 after "no" flips to +1.332, fine 0.8.
        var drivers = objects.Select(o => o.GetProperty("drivers").EnumerateArray().Select(d => (d.GetProperty("word").GetString(), d.GetProperty("valence").GetDouble())).ToList()).ToList();
        Assert.Equal([("good", -1.406)], drivers[0]);
        Assert.Equal([("worries", 1.332), ("fine", 0.8)], drivers[1]);
        Assert.Empty(drivers[2]);
    }

    [Fact]
    public async Task Affect_Plain_PrintsTableWithScoresAndDrivers()
    {
        // Arrange
        var file = Path.Combine(_folder, "lines.txt");
        await File.WriteAllTextAsync(file, Lines);

        // Act
        var result = await AgentsCli.RunAsync("affect", "--input", file);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        foreach (var expected in new[] { "compound", "drivers", "The movie was NOT good.", "-0.3412", "0.4822", "good -1.41", "worries +1.33" })
        {
            Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Affect_MissingFile_ExitsTwoNamingPath()
    {
        // Arrange
        var missing = Path.Combine(_folder, "no-such-file.txt");

        // Act
        var result = await AgentsCli.RunAsync("affect", "--input", missing, "--json");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(missing, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.False(result.Crashed, result.Describe());
    }

    [Fact]
    public async Task Affect_NoInput_ExitsTwo()
    {
        // Act
        var result = await AgentsCli.RunAsync("affect");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("--input", result.StandardError, StringComparison.Ordinal);
    }
}
