using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Agents.TestSupport;
using Agents.Training.Writing;
using LocalModel.Chat;

namespace Agents.Training.Tests.Writing;

public sealed class TrainingSetExporterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ExportAsync_TwoExporters_WritesAllWithContextsAndProgress()
    {
        // Arrange
        var first = new FakeExporter("a", (i, c) => TrainingSetWriterTests.TextSample("a", $"x{i}"));
        var second = new FakeExporter("b", (i, c) => TrainingSetWriterTests.TextSample("b", $"y{i}"));
        var reports = new List<TrainingExportProgress>();
        var progress = new SyncProgress(reports.Add);
        var folder = Path.Combine(_temp.Path, "set");
        await using var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "heldout", 5, "test");

        // Act
        var summary = await new TrainingSetExporter().ExportAsync(writer, [new TrainingExportJob("first", first, 3), new TrainingExportJob("second", second, 2)], "heldout", 5, "/x/chromium", progress);

        // Assert
        Assert.Equal(5, summary.Examples);
        Assert.Equal(3, summary.Counts["a"]);
        Assert.Equal(2, summary.Counts["b"]);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(folder, "examples.jsonl")).Length);
        var context = Assert.Single(first.Contexts);
        Assert.Equal(("heldout", 5, 3, "/x/chromium"), (context.Split, context.Seed, context.Count, context.ChromiumPath));
        Assert.True(context.IsHeldOut);
        Assert.False(Directory.Exists(context.ScratchFolder));
        Assert.Equal(new TrainingExportProgress("first", 3, 3), reports.Last(r => r.Task == "first"));
        Assert.Equal(new TrainingExportProgress("second", 2, 2), reports[^1]);
        Assert.Equal([1, 2, 3], reports.Where(r => r.Task == "first").Select(r => r.Done).Distinct());
    }

    [Fact]
    public async Task ExportAsync_Cancelled_ThrowsAndWriterLeavesNothing()
    {
        using var cts = new CancellationTokenSource();
        var exporter = new FakeExporter("a", (i, c) =>
        {
            if (i == 1)
            {
                cts.Cancel();
            }

            return TrainingSetWriterTests.TextSample("a", "x");
        });
        var folder = Path.Combine(_temp.Path, "set");
        var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TrainingSetExporter().ExportAsync(writer, [new TrainingExportJob("a", exporter, 5)], "train", 1, cancellationToken: cts.Token));
        await writer.DisposeAsync();

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task ExportAsync_BadSplit_Throws()
    {
        await using var writer = new TrainingSetWriter(Path.Combine(_temp.Path, "set"), ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test");

        await Assert.ThrowsAsync<ArgumentException>(() => new TrainingSetExporter().ExportAsync(writer, [], "test", 1));
    }

    [Fact]
    public async Task ExportAsync_Echo_SameSeedSameFile()
    {
        var a = await EchoSet("a", 3);
        var b = await EchoSet("b", 3);
        var c = await EchoSet("c", 4);

        Assert.Equal(File.ReadAllText(Path.Combine(a, "examples.jsonl")), File.ReadAllText(Path.Combine(b, "examples.jsonl")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "examples.jsonl")), File.ReadAllText(Path.Combine(c, "examples.jsonl")));
    }

    [Theory]
    [InlineData("gui", "gui-vision")]
    [InlineData("faces", "affect-face")]
    [InlineData("tools", "tool-rerank")]
    [InlineData("actions", "gui-action")]
    public void TrainingExporters_BuiltInName_CreatesTheExporterOfItsTasks(string name, string task)
    {
        var exporter = TrainingExporters.Create(name);

        Assert.Contains(task, exporter.Tasks);
    }

    [Fact]
    public void TrainingExporters_RegisterAndCreate_UnknownListsKnown()
    {
        TrainingExporters.Register("fake-test", () => new FakeExporter("f", (i, c) => TrainingSetWriterTests.TextSample("f", "x")));

        Assert.Contains("fake-test", TrainingExporters.Known);
        Assert.Contains("echo", TrainingExporters.Known);
        Assert.IsType<FakeExporter>(TrainingExporters.Create("FAKE-TEST"));
        var error = Assert.Throws<ArgumentException>(() => TrainingExporters.Create("nope"));
        Assert.Contains("echo", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrainingExporters.Register("bad name", () => new EchoTrainingTaskExporter()));
    }

    private async Task<string> EchoSet(string name, int seed)
    {
        var folder = Path.Combine(_temp.Path, name);
        await using var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", seed, "test");
        await new TrainingSetExporter().ExportAsync(writer, [new TrainingExportJob("echo", TrainingExporters.Create("echo"), 4)], "train", seed);
        return folder;
    }

    private sealed class SyncProgress(Action<TrainingExportProgress> report) : IProgress<TrainingExportProgress>
    {
        public void Report(TrainingExportProgress value) => report(value);
    }
}
