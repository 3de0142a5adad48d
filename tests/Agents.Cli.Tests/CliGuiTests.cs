using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>agents data gui</c> and <c>agents eval grounding</c>: a tiny generated set evaluated end to end, and bad input refused with exit 2.</summary>
public sealed class CliGuiTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agents-cli-gui-" + Guid.NewGuid().ToString("N")[..12]);

    public CliGuiTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DataGuiThenEvalGroundingDom_TinySet_WritesDataTableJsonAndReport()
    {
        // Arrange
        var data = Path.Combine(_folder, "data");
        var json = Path.Combine(_folder, "eval.json");
        var report = Path.Combine(_folder, "report.html");

        // Act
        var generated = await AgentsCli.RunAsync("data", "gui", "--out", data, "--count", "4", "--seed", "3");
        var evaluated = await AgentsCli.RunAsync("eval", "grounding", "--data", Path.Combine(data, "tasks.jsonl"), "--grounder", "dom", "--json", json, "--report", report);

        // Assert
        Assert.True(generated.ExitCode == 0, generated.Describe());
        Assert.Contains("Wrote 4 tasks", generated.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "screenspot.json")), generated.Describe());
        Assert.True(evaluated.ExitCode == 0, evaluated.Describe());
        foreach (var header in new[] { "split", "accuracy", "misses", "mean ms", "text", "icon", "all" })
        {
            Assert.Contains(header, evaluated.StandardOutput, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("dom", document.RootElement.GetProperty("grounder").GetString());
        Assert.Equal(4, document.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(4, document.RootElement.GetProperty("tasks").GetArrayLength());
        Assert.Contains("id=\"task-t0004\"", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalGrounding_MalformedRecord_ExitsTwoNamingLineAndField()
    {
        // Arrange
        var tasks = Path.Combine(_folder, "tasks.jsonl");
        File.WriteAllText(Path.Combine(_folder, "a.html"), "<button>Save</button>");
        File.WriteAllText(tasks, """
            {"id":"t1","page":"a.html","viewport":{"width":800,"height":600},"device_scale_factor":1,"instruction":"click Save","target":"button","split":"text"}
            {"id":"t2","page":"a.html","viewport":{"width":800,"height":600},"device_scale_factor":1,"instruction":"click Save","target":"button","split":"buttons"}
            """);

        // Act
        var result = await AgentsCli.RunAsync("eval", "grounding", "--data", tasks, "--grounder", "dom");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains($"{tasks}:2: field 'split' must be one of", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Theory]
    [InlineData("--grounder vision needs --model", "eval grounding --data {tasks} --grounder vision")]
    [InlineData("--model is used only by the vision and hybrid grounders", "eval grounding --data {tasks} --grounder dom --model /nonexistent")]
    [InlineData("--grounder must be one of dom, ocr, vision, hybrid, got 'magic'", "eval grounding --data {tasks} --grounder magic")]
    [InlineData("--data '/nonexistent/tasks.jsonl' does not exist", "eval grounding --data /nonexistent/tasks.jsonl")]
    [InlineData("--limit needs an integer >= 1", "eval grounding --data {tasks} --limit 0")]
    [InlineData("--count needs an integer >= 1, got '0'", "data gui --out {folder}/x --count 0")]
    [InlineData("is not empty and holds no tasks.jsonl", "data gui --out {folder}/busy --count 2")]
    public async Task BadArguments_ExitTwoNamingTheProblem(string expected, string commandLine)
    {
        // Arrange
        var tasks = Path.Combine(_folder, "tasks.jsonl");
        File.WriteAllText(tasks, string.Empty);
        Directory.CreateDirectory(Path.Combine(_folder, "busy"));
        File.WriteAllText(Path.Combine(_folder, "busy", "other.txt"), "not a data set");
        var args = commandLine.Replace("{tasks}", tasks, StringComparison.Ordinal).Replace("{folder}", _folder, StringComparison.Ordinal).Split(' ');

        // Act
        var result = await AgentsCli.RunAsync(args);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }
}
