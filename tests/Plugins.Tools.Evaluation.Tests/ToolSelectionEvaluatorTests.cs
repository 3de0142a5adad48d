using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Plugins.Tools.Evaluation.Data;

namespace Plugins.Tools.Evaluation.Tests;

/// <summary>The evaluator's metrics on a hand-made three-query data set with a fake retriever (values worked out by hand).</summary>
public sealed class ToolSelectionEvaluatorTests : IDisposable
{
    private const string Direct = "Get the weather forecast for Lisbon";
    private const string Note = "Shoot Priya a quick note";
    private const string Figure = "What was the figure for March here?";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tooldata-eval-" + Guid.NewGuid().ToString("N")[..12]);

    public ToolSelectionEvaluatorTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EvaluateAsync_ThreeQueriesTopTwo_MetricsMatchHandWorkedValues()
    {
        // Arrange: q1 a in top 1 and 1 of 2 acceptable in the top 2; q2 acceptable only second; q3 (image) missed.
        var dataset = Dataset();
        var retriever = new FakeToolRetriever(new Dictionary<string, string[]>
        {
            [Direct] = ["weather_forecast", "send_email", "read_chart"],
            [Note] = ["forecast_lookup", "send_email"],
            [Figure] = ["weather_forecast", "forecast_lookup"],
        });
        var evaluator = new ToolSelectionEvaluator(retriever, new ToolEvaluatorOptions { TopK = 2 });

        // Act
        var result = await evaluator.EvaluateAsync(dataset, "hand.json");

        // Assert: overall top-1 1/3, hit 2/3, recall (1/2 + 1 + 0) / 3 = 1/2.
        Assert.Equal(3, result.Overall.Count);
        Assert.Equal(1.0 / 3, result.Overall.Top1, 10);
        Assert.Equal(2.0 / 3, result.Overall.HitAtK, 10);
        Assert.Equal(0.5, result.Overall.RecallAtK, 10);

        // With an image: q3 only, all zero.
        Assert.Equal(1, result.WithImage.Count);
        Assert.Equal(0, result.WithImage.Top1);
        Assert.Equal(0, result.WithImage.HitAtK);
        Assert.Equal(0, result.WithImage.RecallAtK);

        // Low-overlap, measured: q2 (shares nothing with send_email) and q3 (nothing with read_chart); q1 shares weather, forecast.
        Assert.Equal(2, result.LowOverlap.Count);
        Assert.Equal(0, result.LowOverlap.Top1);
        Assert.Equal(0.5, result.LowOverlap.HitAtK, 10);
        Assert.Equal(0.5, result.LowOverlap.RecallAtK, 10);
        Assert.Equal(2, result.Outcomes[0].SharedStems);

        Assert.Equal(["q2", "q3"], [result.Misses[0].Id, result.Misses[1].Id]);
        Assert.Equal(["forecast_lookup", "send_email"], result.Misses[0].Got);
        Assert.Equal(["weather_forecast", "send_email"], result.Outcomes[0].Got);
    }

    [Fact]
    public async Task EvaluateAsync_AnyDataset_WarmsUpOnceAndPassesTheImage()
    {
        // Arrange
        var retriever = new FakeToolRetriever(new Dictionary<string, string[]> { [Direct] = ["weather_forecast"], [Note] = ["send_email"], [Figure] = ["read_chart"] });
        var progress = new List<int>();
        var evaluator = new ToolSelectionEvaluator(retriever);

        // Act
        var result = await evaluator.EvaluateAsync(Dataset(), "hand.json", new SyncProgress(p => progress.Add(p.Completed)));

        // Assert: one untimed warm-up call with the first query, then one call per query.
        Assert.Equal(4, retriever.Queries.Count);
        Assert.Equal(Direct, retriever.Queries[0].Instruction);
        Assert.Empty(retriever.Queries[1].Images);
        var image = Assert.Single(retriever.Queries[3].Images);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new byte[] { 137, 80, 78, 71 }, image.Data.ToArray());
        Assert.Equal([1, 2, 3], progress);
        Assert.Equal(1.0, result.Overall.Top1);
        Assert.True(result.MeanMilliseconds >= 0);
    }

    [Fact]
    public async Task ToJson_Evaluation_HasSubsetsTimingAndMisses()
    {
        // Arrange
        var retriever = new FakeToolRetriever(new Dictionary<string, string[]> { [Direct] = ["read_chart"], [Note] = ["send_email"], [Figure] = ["read_chart"] });
        var result = await new ToolSelectionEvaluator(retriever).EvaluateAsync(Dataset(), "hand.json");

        // Act
        using var json = JsonDocument.Parse(result.ToJson());

        // Assert
        var root = json.RootElement;
        Assert.Equal("fake", root.GetProperty("retriever").GetString());
        Assert.Equal(10, root.GetProperty("top_k").GetInt32());
        Assert.Equal(0.6667, root.GetProperty("subsets").GetProperty("all").GetProperty("top1").GetDouble());
        Assert.Equal(1, root.GetProperty("subsets").GetProperty("with-image").GetProperty("count").GetInt32());
        var miss = Assert.Single(root.GetProperty("misses").EnumerateArray());
        Assert.Equal("q1", miss.GetProperty("id").GetString());
        Assert.Equal("read_chart", miss.GetProperty("got")[0].GetString());
        Assert.Equal(3, root.GetProperty("queries").GetArrayLength());
        Assert.True(root.TryGetProperty("mean_ms", out _));
    }

    [Fact]
    public async Task EvaluateAsync_NoQueries_ReturnsEmptyEvaluationWithoutCallingTheRetriever()
    {
        // Arrange
        var retriever = new FakeToolRetriever(new Dictionary<string, string[]>());
        var dataset = Dataset() with { Queries = [] };

        // Act
        var result = await new ToolSelectionEvaluator(retriever).EvaluateAsync(dataset, "empty");

        // Assert
        Assert.Empty(retriever.Queries);
        Assert.Equal(0, result.Overall.Count);
        Assert.Equal(0, result.MeanMilliseconds);
        Assert.Equal(4, result.ToolCount);
    }

    [Fact]
    public void Constructor_TopKZero_Throws()
    {
        // Act
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ToolSelectionEvaluator(new FakeToolRetriever(new Dictionary<string, string[]>()), new ToolEvaluatorOptions { TopK = 0 }));

        // Assert
        Assert.Contains("TopK must be at least 1", error.Message, StringComparison.Ordinal);
    }

    private ToolDataset Dataset()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "images"));
        File.WriteAllBytes(Path.Combine(_folder, "images", "q3.png"), [137, 80, 78, 71]);
        var path = Path.Combine(_folder, "hand.json");
        File.WriteAllText(path, $$$"""
            {"tools": [
              {"name": "weather_forecast", "description": "Returns the weather forecast.", "parameters": {}},
              {"name": "forecast_lookup", "description": "Predicted weather for the coming days.", "parameters": {}},
              {"name": "send_email", "description": "Sends an email message.", "parameters": {}},
              {"name": "read_chart", "description": "Reads values from a chart image.", "parameters": {}}
            ], "queries": [
              {"id": "q1", "instruction": "{{{Direct}}}", "image": null, "acceptable": ["weather_forecast", "forecast_lookup"]},
              {"id": "q2", "instruction": "{{{Note}}}", "image": null, "acceptable": ["send_email"]},
              {"id": "q3", "instruction": "{{{Figure}}}", "image": "images/q3.png", "acceptable": ["read_chart"]}
            ]}
            """);
        return ToolDatasetReader.Read(path);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<ToolEvaluationProgress> report) : IProgress<ToolEvaluationProgress>
    {
        public void Report(ToolEvaluationProgress value) => report(value);
    }
}
