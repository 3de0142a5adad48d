using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Commands;
using Agents.Cli.Tests.TestSupport;
using Agents.Training;

namespace Agents.Cli.Tests;

/// <summary><c>agents data train</c>: the built-in echo exporter written end to end; bad --tasks refused with exit 2.</summary>
public sealed class CliTrainTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agents-cli-train-" + Guid.NewGuid().ToString("N")[..12]);

    public CliTrainTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DataTrain_Echo_WritesExamplesAndManifest()
    {
        // Arrange
        var output = Path.Combine(_folder, "set");

        // Act
        var result = await AgentsCli.RunAsync("data", "train", "--out", output, "--split", "heldout", "--seed", "4", "--tasks", "echo=5", "--template", "chatml");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Wrote 5 examples and 0 images", result.StandardOutput, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(output, "examples.jsonl"));
        Assert.Equal(5, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("echo-000001", first.RootElement.GetProperty("id").GetString());
        var answer = first.RootElement.GetProperty("answer").GetString()!;
        Assert.Equal(answer.ToUpperInvariant(), answer);
        Assert.Contains("Repeat: " + answer, first.RootElement.GetProperty("prompt").GetString(), StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal("heldout", manifest.RootElement.GetProperty("split").GetString());
        Assert.Equal(4, manifest.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal("chatml", manifest.RootElement.GetProperty("chat_template").GetString());
        Assert.Equal(5, manifest.RootElement.GetProperty("counts").GetProperty("echo").GetInt32());
        Assert.StartsWith("agents data train ", manifest.RootElement.GetProperty("created_by").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataTrain_ExistingFolder_NeedsOverwrite()
    {
        var output = Path.Combine(_folder, "set");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "x.txt"), "x");

        var refused = await AgentsCli.RunAsync("data", "train", "--out", output, "--tasks", "echo=1");
        var replaced = await AgentsCli.RunAsync("data", "train", "--out", output, "--tasks", "echo=1", "--overwrite");

        Assert.True(refused.ExitCode == 2, refused.Describe());
        Assert.Contains("--overwrite", refused.StandardError, StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == 0, replaced.Describe());
        Assert.False(File.Exists(Path.Combine(output, "x.txt")));
    }

    [Theory]
    [InlineData("nope=3", "known: ")]
    [InlineData("echo", "name=N")]
    [InlineData("echo=0", "name=N")]
    [InlineData("echo=1,echo=2", "twice")]
    public async Task DataTrain_BadTasks_ExitsTwo(string tasks, string expected)
    {
        var result = await AgentsCli.RunAsync("data", "train", "--out", Path.Combine(_folder, "set"), "--tasks", tasks);

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "set")));
    }

    [Fact]
    public async Task DataTrain_UnknownTemplate_ExitsTwo()
    {
        var result = await AgentsCli.RunAsync("data", "train", "--out", Path.Combine(_folder, "set"), "--tasks", "echo=1", "--template", "nope");

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("llava-v1", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTasks_RegisteredFake_CreatesJobsInOrder()
    {
        TrainingExporters.Register("cli-fake", () => new Training.Writing.EchoTrainingTaskExporter());

        var jobs = DataTrainCommand.ParseTasks("cli-fake=3, echo=2");

        Assert.Equal(["cli-fake", "echo"], jobs.Select(j => j.Name));
        Assert.Equal([3, 2], jobs.Select(j => j.Count));
    }
}
