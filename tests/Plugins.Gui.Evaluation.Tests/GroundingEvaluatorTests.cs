using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Embeddings;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Evaluation.Generation;
using Plugins.Gui.Evaluation.Reporting;
using Plugins.Gui.Evaluation.Tests.Support;
using Plugins.Gui.Grounding;
using Plugins.Gui.Seeing;
using Xunit.Abstractions;

namespace Plugins.Gui.Evaluation.Tests;

public class GroundingEvaluatorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EvaluatePageTasksAsync_GeneratedSetWithDomGrounder_ScoresMostTasksRightAndReportsEach()
    {
        // Arrange
        using var temp = new TempFolder();
        var set = await new GuiDataGenerator().GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = temp.Combine("data"), Count = 6, Seed = 11 });
        using var embeddings = new MiniLmEmbeddingGenerator();
        var grounder = GrounderFactory.Create("dom", new GrounderServices { Embeddings = embeddings });
        var reports = 0;

        // Act
        var evaluation = await new GroundingEvaluator(grounder).EvaluatePageTasksAsync(set.TasksFile, new SyncProgress<GroundingProgress>(_ => reports++));
        var report = temp.Combine("report.html");
        GroundingHtmlReport.Write(evaluation, report);

        // Assert: on the 200-task set (seed 1) the dom grounder scores 95.8% on the text split and 64% on the icon
        // split (icons described by shape, "click the funnel icon", need pixels); a broken harness (target boxes off
        // by the device scale factor, no scroll, frame offsets lost) scores near 0. At least half right separates
        // the two while allowing this seed's known misses (a chip's text over its remove button, "from the menu").
        var overall = evaluation.Overall;
        output.WriteLine($"dom on 6 generated tasks: {overall.Correct}/{overall.Count}, mean {overall.MeanMilliseconds:0.0} ms");
        foreach (var o in evaluation.Outcomes)
        {
            output.WriteLine($"  {o.Id} {o.Split} '{o.Instruction}' -> {(o.Correct ? "ok" : "WRONG")} {o.Reason}");
        }

        Assert.Equal(6, overall.Count);
        Assert.Equal(6, reports);
        Assert.True(overall.Correct >= 3, $"dom grounder got {overall.Correct}/6 on the generated set");
        var html = File.ReadAllText(report);
        foreach (var o in evaluation.Outcomes)
        {
            Assert.Contains($"id=\"task-{o.Id}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(6, Directory.GetFiles(temp.Combine("report_files"), "*.png").Length);
        var json = evaluation.ToJson();
        Assert.Contains("\"grounder\": \"dom\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateScreenSpotAsync_FakeGrounderAnsweringTheBoxCentre_IsAlwaysRight()
    {
        // Arrange: the generated ScreenSpot records, and a grounder that answers each record's box centre (found from
        // the record itself), or misses on every second call; scoring must count exactly the hits.
        using var temp = new TempFolder();
        var set = await new GuiDataGenerator().GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = temp.Combine("data"), Count = 4, Seed = 5 });
        var records = ScreenSpotReader.Read(set.ScreenSpotFile);
        var grounder = new ScriptedGrounder(records.Select(r => (CssPoint?)new CssRect(r.Bbox[0], r.Bbox[1], r.Bbox[2], r.Bbox[3]).Center).ToArray(), missEvery: 2);

        // Act
        var evaluation = await new GroundingEvaluator(grounder, new GroundingEvaluatorOptions { WarmUp = false }).EvaluateScreenSpotAsync(set.ScreenSpotFile);

        // Assert
        Assert.Equal(4, evaluation.Overall.Count);
        Assert.Equal(2, evaluation.Overall.Correct);
        Assert.Equal(2, evaluation.Overall.Misses);
        Assert.All(evaluation.Outcomes, o => Assert.Equal(o.Miss, !o.Correct));
    }

    [Fact]
    public async Task EvaluateAsync_Limit_EvaluatesOnlyTheFirstRecords()
    {
        // Arrange
        using var temp = new TempFolder();
        var set = await new GuiDataGenerator().GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = temp.Combine("data"), Count = 3, Seed = 2 });
        var grounder = new ScriptedGrounder([null, null, null], missEvery: 1);

        // Act
        var evaluation = await new GroundingEvaluator(grounder, new GroundingEvaluatorOptions { Limit = 2, WarmUp = false }).EvaluateAsync(set.TasksFile);

        // Assert
        Assert.Equal(2, evaluation.Overall.Count);
        Assert.Equal(0, evaluation.Overall.Accuracy);
    }

    /// <summary>Answers the given points in turn; every <c>missEvery</c>-th call (1-based) is a miss.</summary>
    private sealed class ScriptedGrounder(CssPoint?[] points, int missEvery) : IGrounder
    {
        private int _calls;

        public string Name => "scripted";

        public Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default)
        {
            var call = _calls++;
            return Task.FromResult((call + 1) % missEvery == 0 || points[call] is not { } point
                ? GroundingResult.Miss("scripted miss")
                : GroundingResult.Hit(point, null, 1, "scripted hit"));
        }
    }

    /// <summary>An IProgress that reports on the calling thread.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
