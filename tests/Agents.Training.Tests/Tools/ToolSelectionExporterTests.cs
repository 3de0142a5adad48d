using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Agents.Training.Tools;
using Microsoft.Extensions.AI;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.Retrieval.Reranking;

namespace Agents.Training.Tests.Tools;

/// <summary>The tool-selection exporter over the generator, with the BM25 shortlister (fast, no model).</summary>
public sealed class ToolSelectionExporterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tool-export-" + Guid.NewGuid().ToString("N"));

    public ToolSelectionExporterTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TrainingExportContext Context(string split, int seed, int count) =>
        new() { Split = split, Seed = seed, Count = count, ScratchFolder = _folder };

    private static async Task<List<TrainingSample>> ExportAsync(TrainingExportContext context, ToolSelectionExportOptions? options = null)
    {
        var samples = new List<TrainingSample>();
        await foreach (var sample in new ToolSelectionExporter(new Bm25ToolRetriever(), options).ExportAsync(context))
        {
            samples.Add(sample);
        }

        return samples;
    }

    private static string PromptText(TrainingSample sample) => string.Join("\n", sample.Messages.Select(m => m.Text));

    [Fact]
    public async Task ExportAsync_RerankAnswer_IsTheQuotedConstOfItsRequestAndAnAcceptableTool()
    {
        // Arrange
        var context = Context(TrainingExportContext.TrainSplit, 1, 12);
        var dataset = ToolSelectionExporter.Generate(context);

        // Act
        var samples = (await ExportAsync(context)).Where(s => s.Task == ToolSelectionExporter.RerankTask).ToList();

        // Assert: at most one per query (BM25 may shortlist fewer than two tools for a paraphrase: no request, no sample).
        Assert.InRange(samples.Count, 10, 12);
        foreach (var sample in samples)
        {
            var schema = Assert.IsType<ChatResponseFormatJson>(sample.Options!.ResponseFormat).Schema!.Value;
            var name = schema.GetProperty("const").GetString()!;
            Assert.Equal("\"" + name + "\"", sample.Answer);
            Assert.Equal(true, sample.Options.AdditionalProperties!["logprobs"]);
            var record = dataset.Queries.Single(q => q.Id == sample.Meta["query"]);
            Assert.Contains(name, record.Acceptable);
            Assert.Contains("Instruction: " + record.Instruction, PromptText(sample), StringComparison.Ordinal);
            Assert.Contains("\n" + name + ": ", PromptText(sample), StringComparison.Ordinal);
            Assert.InRange(sample.Meta["shortlist"].Split(',').Length, 2, 8);
        }
    }

    [Fact]
    public async Task ExportAsync_RerankAnswer_RoundTripsThroughTheRetrieversChoiceParser()
    {
        // Arrange: a client without log-probabilities answering the exported text makes the retriever take its choice path.
        var context = Context(TrainingExportContext.TrainSplit, 3, 4);
        var dataset = ToolSelectionExporter.Generate(context);
        var catalog = dataset.ToCatalog();
        var samples = (await ExportAsync(context)).Where(s => s.Task == ToolSelectionExporter.RerankTask).ToList();

        foreach (var sample in samples)
        {
            var shortlist = sample.Meta["shortlist"].Split(',').Select(n => new ToolMatch(catalog.Find(n)!, 0)).ToArray();
            var client = new AnsweringChatClient(sample.Answer);
            var retriever = new ModelToolRetriever(client, new FixedShortlistRetriever(shortlist));

            // Act
            var matches = await retriever.RetrieveAsync(catalog, new ToolQuery(dataset.Queries.Single(q => q.Id == sample.Meta["query"]).Instruction), 1);

            // Assert
            Assert.Equal(sample.Meta["target"], matches[0].Tool.Name);
        }
    }

    [Fact]
    public async Task ExportAsync_CallAnswer_IsOneToolCallOfAnOfferedToolWithTheRequiredArguments()
    {
        // Arrange
        var context = Context(TrainingExportContext.TrainSplit, 1, 10);

        // Act
        var samples = (await ExportAsync(context)).Where(s => s.Task == ToolSelectionExporter.CallTask).ToList();

        // Assert
        Assert.Equal(10, samples.Count);
        foreach (var sample in samples)
        {
            Assert.StartsWith("<tool_call>{\"name\":\"", sample.Answer, StringComparison.Ordinal);
            Assert.EndsWith("}}</tool_call>", sample.Answer, StringComparison.Ordinal);
            using var call = JsonDocument.Parse(sample.Answer["<tool_call>".Length..^"</tool_call>".Length]);
            Assert.Equal(["name", "arguments"], call.RootElement.EnumerateObject().Select(p => p.Name));
            var offered = sample.Options!.Tools!.OfType<AIFunctionDeclaration>().ToList();
            Assert.InRange(offered.Count, 1, 5);
            Assert.Equal(sample.Meta["shortlist"].Split(',').Order(StringComparer.Ordinal), offered.Select(t => t.Name).Order(StringComparer.Ordinal));
            Assert.IsType<AutoChatToolMode>(sample.Options.ToolMode);
            var tool = Assert.Single(offered, t => t.Name == call.RootElement.GetProperty("name").GetString());
            var required = tool.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(required, call.RootElement.GetProperty("arguments").EnumerateObject().Select(p => p.Name));
            Assert.Equal(sample.Meta["target"], tool.Name);
            Assert.Single(sample.Messages);
            Assert.Equal(ChatRole.User, sample.Messages[0].Role);
        }
    }

    [Fact]
    public async Task ExportAsync_ImageQuery_SendsThePngBeforeTheText()
    {
        // Arrange: 40 queries at the generator's 15% image share hold some image queries.
        var context = Context(TrainingExportContext.TrainSplit, 1, 40);

        // Act
        var samples = (await ExportAsync(context, new ToolSelectionExportOptions { Call = false })).Where(s => s.Meta["image"] == "true").ToList();

        // Assert
        Assert.NotEmpty(samples);
        Assert.All(samples, s =>
        {
            var contents = s.Messages[0].Contents;
            var image = Assert.IsType<DataContent>(contents[0]);
            Assert.Equal("image/png", image.MediaType);
            Assert.IsType<TextContent>(contents[^1]);
        });
    }

    [Fact]
    public void Generate_TuningAndHeldOutOfTheSameSeed_ShareNoInstruction()
    {
        // Arrange: the same seed gives the same slot draws, so only disjoint templates keep the sets apart.
        var train = ToolSelectionExporter.Generate(Context(TrainingExportContext.TrainSplit, 7, 300));
        var heldOut = ToolSelectionExporter.Generate(Context(TrainingExportContext.HeldOutSplit, 7, 300));
        var evaluation = ToolSelectionExporter.Generate(Context(TrainingExportContext.HeldOutSplit, ToolSelectionExporter.HeldOutEvaluationSeed, 300));

        // Act
        var trainSet = train.Queries.Select(q => q.Instruction).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var leaked = heldOut.Queries.Concat(evaluation.Queries).Where(q => trainSet.Contains(q.Instruction)).Select(q => q.Instruction).ToList();

        // Assert
        Assert.Equal(300, train.Queries.Count);
        Assert.Empty(leaked);
    }

    [Fact]
    public async Task ExportAsync_TrainWithTheEvaluationSeed_Throws()
    {
        // Arrange
        var context = Context(TrainingExportContext.TrainSplit, ToolSelectionExporter.HeldOutEvaluationSeed, 2);

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ExportAsync(context));

        // Assert
        Assert.Contains("train with another seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_SameContext_SameSamples()
    {
        // Arrange
        var context = Context(TrainingExportContext.HeldOutSplit, 5, 6);

        // Act
        var first = await ExportAsync(context);
        var second = await ExportAsync(context);

        // Assert
        Assert.Equal(12, first.Count);
        Assert.Equal(first.Select(s => (s.Task, s.Answer, PromptText(s))), second.Select(s => (s.Task, s.Answer, PromptText(s))));
        Assert.Equal(first.Select(s => string.Join(",", s.Options!.Tools?.Select(t => t.Name) ?? [])), second.Select(s => string.Join(",", s.Options!.Tools?.Select(t => t.Name) ?? [])));
    }

    [Fact]
    public void ToolCallArguments_RequiredOnly_ValuesFromTheInstruction()
    {
        // Arrange
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"},"days":{"type":"integer"},"units":{"type":"string","enum":["metric","imperial"]},"start":{"type":"string","format":"date"}},"required":["location","units","start"]}""");
        var slots = new Dictionary<string, string[]> { ["city"] = ["Paris", "Oslo"], ["day"] = ["tomorrow"] };

        // Act
        var arguments = ToolCallArguments.Build(schema.RootElement, "Get the imperial forecast for Paris tomorrow, 3 days.", slots);
        var rendered = ToolCallArguments.Render("weather_get_forecast", arguments);

        // Assert
        Assert.Equal("""<tool_call>{"name":"weather_get_forecast","arguments":{"location":"Paris","units":"imperial","start":"2026-01-15"}}</tool_call>""", rendered);
    }

    /// <summary>Answers every request with a fixed text and no log-probabilities.</summary>
    private sealed class AnsweringChatClient(string answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
