using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>agents data tools</c> and <c>agents eval tools</c>: a small generated set evaluated end to end with bm25, and bad input refused with exit 2.</summary>
public sealed class CliToolsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agents-cli-tools-" + Guid.NewGuid().ToString("N")[..12]);

    public CliToolsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DataToolsThenEvalToolsBm25_SmallSet_WritesDataTableAndJson()
    {
        // Arrange
        var data = Path.Combine(_folder, "tools.json");
        var json = Path.Combine(_folder, "eval.json");

        // Act
        var generated = await AgentsCli.RunAsync("data", "tools", "--out", data, "--seed", "3", "--queries", "60");
        var evaluated = await AgentsCli.RunAsync("eval", "tools", "--data", data, "--retriever", "bm25", "--top-k", "5", "--json", json);

        // Assert
        Assert.True(generated.ExitCode == 0, generated.Describe());
        Assert.Contains("Wrote 250 tools in", generated.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("60 queries", generated.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("low-overlap queries", generated.StandardOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_folder, "images")), generated.Describe());
        Assert.True(evaluated.ExitCode == 0, evaluated.Describe());
        foreach (var header in new[] { "retriever", "top-1", "hit@5", "recall@5", "mean ms", "median ms", "with-image", "low-overlap", "bm25" })
        {
            Assert.Contains(header, evaluated.StandardOutput, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var run = Assert.Single(document.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("bm25", run.GetProperty("retriever").GetString());
        Assert.Equal(5, run.GetProperty("top_k").GetInt32());
        Assert.Equal(250, run.GetProperty("tools").GetInt32());
        Assert.Equal(60, run.GetProperty("queries").GetArrayLength());
    }

    [Fact]
    public async Task DataTools_SameSeedTwice_SameBytes()
    {
        // Arrange
        var first = Path.Combine(_folder, "a.json");
        var second = Path.Combine(_folder, "b.json");

        // Act
        var one = await AgentsCli.RunAsync("data", "tools", "--out", first, "--seed", "9", "--queries", "30", "--tools", "200");
        var two = await AgentsCli.RunAsync("data", "tools", "--out", second, "--seed", "9", "--queries", "30", "--tools", "200");

        // Assert
        Assert.True(one.ExitCode == 0 && two.ExitCode == 0, one.Describe() + two.Describe());
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task DataTools_TuningAndHeldOutSplits_WriteDifferentSetsAndSayTheSplit()
    {
        // Arrange
        var tuning = Path.Combine(_folder, "t.json");
        var heldOut = Path.Combine(_folder, "h.json");

        // Act
        var one = await AgentsCli.RunAsync("data", "tools", "--out", tuning, "--seed", "9", "--queries", "40", "--split", "tuning");
        var two = await AgentsCli.RunAsync("data", "tools", "--out", heldOut, "--seed", "9", "--queries", "40", "--split", "heldout");

        // Assert: same seed, so only the templates differ.
        Assert.True(one.ExitCode == 0 && two.ExitCode == 0, one.Describe() + two.Describe());
        Assert.Contains("split tuning", one.StandardError + one.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("split heldout", two.StandardError + two.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllBytes(tuning), File.ReadAllBytes(heldOut));
    }

    [Fact]
    public async Task EvalTools_UnknownAcceptableTool_ExitsTwoNamingQueryAndField()
    {
        // Arrange
        var data = Path.Combine(_folder, "bad.json");
        File.WriteAllText(data, """{"tools": [{"name": "a", "description": "x", "parameters": {}}], "queries": [{"id": "q7", "instruction": "do x", "image": null, "acceptable": ["b"]}]}""");

        // Act
        var result = await AgentsCli.RunAsync("eval", "tools", "--data", data, "--retriever", "bm25");

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("queries[0] (id 'q7'): field 'acceptable' names unknown tool 'b'", result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }

    [Theory]
    [InlineData("eval tools", "--retriever")]
    [InlineData("data tools", "--seed")]
    public async Task Help_ToolsCommands_ExitZeroWithUsage(string command, string option)
    {
        // Act
        var result = await AgentsCli.RunAsync([.. command.Split(' '), "--help"]);

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("agents " + command, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardError);
    }

    [Theory]
    [InlineData("--retriever model needs --model", "eval tools --data {data} --retriever model")]
    [InlineData("--model is used only by the model retriever", "eval tools --data {data} --retriever bm25 --model /nonexistent")]
    [InlineData("--retriever must be one of hybrid, bm25, embedding, model, all, got 'magic'", "eval tools --data {data} --retriever magic")]
    [InlineData("--data '/nonexistent/tools.json' does not exist", "eval tools --data /nonexistent/tools.json")]
    [InlineData("--top-k needs an integer >= 1, got '0'", "eval tools --data {data} --top-k 0")]
    [InlineData("--tools must be in [200,", "data tools --out {folder}/x.json --tools 150")]
    [InlineData("--queries needs an integer >= 1, got '0'", "data tools --out {folder}/x.json --queries 0")]
    [InlineData("does not exist; create it first", "data tools --out {folder}/missing/x.json")]
    [InlineData("--split must be one of all, tuning, heldout, got 'test'", "data tools --out {folder}/x.json --split test")]
    [InlineData("--shortlist needs an integer >= 1, got '0'", "eval tools --data {data} --shortlist 0")]
    [InlineData("--pruning and --keep apply to the model retriever's requests", "eval tools --data {data} --retriever bm25 --keep 25%")]
    [InlineData("--pruning 'magic' is unknown", "eval tools --data {data} --pruning magic")]
    public async Task BadArguments_ExitTwoNamingTheProblem(string expected, string commandLine)
    {
        // Arrange
        var data = Path.Combine(_folder, "data.json");
        File.WriteAllText(data, """{"tools": [{"name": "a", "description": "x", "parameters": {}}], "queries": [{"id": "q1", "instruction": "do x", "image": null, "acceptable": ["a"]}]}""");
        var args = commandLine.Replace("{data}", data, StringComparison.Ordinal).Replace("{folder}", _folder, StringComparison.Ordinal).Split(' ');

        // Act
        var result = await AgentsCli.RunAsync(args);

        // Assert
        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(result.Crashed, result.Describe());
    }
}
