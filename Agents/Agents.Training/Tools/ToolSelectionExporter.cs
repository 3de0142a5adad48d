using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Tools.Catalog;
using Plugins.Tools.Evaluation.Data;
using Plugins.Tools.Evaluation.Generation;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Retrieval.Reranking;
using Plugins.Tools.Selection;

namespace Agents.Training.Tools;

/// <summary>
/// Tool-selection training data from the seeded tool data generator (<see cref="ToolDataGenerator"/>), captured from the
/// real consumers: <c>tool-rerank</c> is the request <see cref="ModelToolRetriever"/> sends for the correct tool of
/// the shortlist (answer: the quoted name, as the constrained decoder emits it); <c>tool-call</c> is the request
/// <see cref="ToolSelectionChatClient"/> passes on after shortlisting (answer: one <c>&lt;tool_call&gt;</c> block in the
/// local client's format). One sample of each enabled task per generated query.
/// </summary>
/// <remarks>
/// <para>
/// Splits: <c>train</c> generates with <see cref="ToolDataSplit.Tuning"/> (every group's direct and paraphrase
/// templates but the last of each kind), <c>heldout</c> with <see cref="ToolDataSplit.HeldOut"/> (only those last
/// templates); every group has two direct and three paraphrase templates, so no instruction template is shared.
/// <c>train</c> refuses <see cref="HeldOutEvaluationSeed"/>, the seed of the held-out evaluation set
/// (<c>agents data tools --seed 2026 --split heldout</c>), so its catalogue sample and shuffle are never trained on either.
/// Tool names and descriptions are the same universe in both (they are the answers); slot values are shared.
/// </para>
/// <para>
/// The queries are the first <see cref="TrainingExportContext.Count"/> of a generated set of at least
/// <see cref="MinGeneratedQueries"/> (the generator's query sequence does not depend on its length, so a larger count
/// extends a smaller one). The correct tool of a query is its acceptable tool ranked first in the shortlist; when the
/// shortlist holds none (the retriever could never be right), <see cref="ToolSelectionExportOptions.InsertMissingTool"/>
/// puts the acceptable tool the shortlister ranks best over the whole catalogue in place of the shortlisted tool at a
/// position fixed by the query id, else the query gives no sample of that task.
/// </para>
/// </remarks>
public sealed class ToolSelectionExporter : ITrainingTaskExporter
{
    /// <summary>The re-ranking task name.</summary>
    public const string RerankTask = "tool-rerank";

    /// <summary>The tool-call task name.</summary>
    public const string CallTask = "tool-call";

    /// <summary>The seed of the held-out evaluation set, refused for training: 2026.</summary>
    public const int HeldOutEvaluationSeed = 2026;

    /// <summary>The fewest queries generated per export (so the generator's low-overlap share holds): 100.</summary>
    public const int MinGeneratedQueries = 100;

    private readonly IToolRetriever _shortlister;
    private readonly ToolSelectionExportOptions _options;

    /// <summary>Creates the exporter over the shortlister the evaluation and the middleware use.</summary>
    /// <param name="shortlister">Proposes the shortlists (for example <c>new HybridToolRetriever(embedder)</c>, as <c>agents eval tools</c>).</param>
    /// <param name="options">The settings (validated now), or null for the defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public ToolSelectionExporter(IToolRetriever shortlister, ToolSelectionExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shortlister);
        _shortlister = shortlister;
        _options = options ?? new ToolSelectionExportOptions();
        _options.Validate();
    }

    /// <summary>Creates the exporter with the hybrid shortlister of <c>agents eval tools --retriever model</c>.</summary>
    /// <param name="embedder">The text embedder of the hybrid retriever (for example <c>MiniLmEmbeddingGenerator</c>; not owned).</param>
    /// <param name="options">The settings, or null for the defaults.</param>
    public ToolSelectionExporter(IEmbeddingGenerator<string, Embedding<float>> embedder, ToolSelectionExportOptions? options = null)
        : this(new HybridToolRetriever(embedder ?? throw new ArgumentNullException(nameof(embedder))), options)
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Tasks => [.. new[] { _options.Rerank ? RerankTask : null, _options.Call ? CallTask : null }.OfType<string>()];

    /// <summary>The generator split a context's split maps to.</summary>
    /// <param name="context">The export context.</param>
    /// <returns><see cref="ToolDataSplit.HeldOut"/> for <c>heldout</c>, else <see cref="ToolDataSplit.Tuning"/>.</returns>
    /// <exception cref="ArgumentException">The split is unknown, or training uses <see cref="HeldOutEvaluationSeed"/>.</exception>
    public static ToolDataSplit GeneratorSplit(TrainingExportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsHeldOut)
        {
            return ToolDataSplit.HeldOut;
        }

        if (!string.Equals(context.Split, TrainingExportContext.TrainSplit, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Unknown split '{context.Split}'; use '{TrainingExportContext.TrainSplit}' or '{TrainingExportContext.HeldOutSplit}'.", nameof(context));
        }

        if (context.Seed == HeldOutEvaluationSeed)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Seed {HeldOutEvaluationSeed} is the held-out tool evaluation set's (agents data tools --seed {HeldOutEvaluationSeed} --split heldout); train with another seed."), nameof(context));
        }

        return ToolDataSplit.Tuning;
    }

    /// <summary>Generates the data set of <paramref name="context"/> into its scratch folder and reads it back.</summary>
    /// <param name="context">The split, seed and count.</param>
    /// <param name="toolCount">The catalogue size.</param>
    /// <returns>The data set (its queries cut to the count), with its folder for the images.</returns>
    public static ToolDataset Generate(TrainingExportContext context, int toolCount = 250)
    {
        ArgumentNullException.ThrowIfNull(context);
        var split = GeneratorSplit(context);
        var folder = Path.Combine(context.ScratchFolder, string.Create(CultureInfo.InvariantCulture, $"tools-{context.Split}-{context.Seed}"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "tools.json");
        ToolDataGenerator.Generate(new ToolDataGeneratorOptions
        {
            OutputFile = file,
            Seed = context.Seed,
            Split = split,
            ToolCount = toolCount,
            QueryCount = Math.Max(context.Count, MinGeneratedQueries),
        });
        var dataset = ToolDatasetReader.Read(file);
        return dataset with { Queries = [.. dataset.Queries.Take(context.Count)] };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataset = Generate(context, _options.ToolCount);
        var catalog = dataset.ToCatalog();
        var declarations = catalog.Tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.ParametersSchema)).ToList();
        var capture = new CapturingChatClient();
        var done = 0;
        foreach (var record in dataset.Queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var query = await ToQueryAsync(record, dataset.Folder, cancellationToken).ConfigureAwait(false);
            var meta = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["query"] = record.Id,
                ["group"] = record.Group ?? string.Empty,
                ["kind"] = record.Kind ?? string.Empty,
                ["split"] = context.Split,
                ["seed"] = context.Seed.ToString(CultureInfo.InvariantCulture),
                ["image"] = record.Image is null ? "false" : "true",
            };
            if (_options.Rerank)
            {
                var sample = await RerankSampleAsync(capture, catalog, query, record, meta, cancellationToken).ConfigureAwait(false);
                if (sample is not null)
                {
                    yield return sample;
                }
            }

            if (_options.Call)
            {
                var sample = await CallSampleAsync(capture, catalog, declarations, query, record, meta, cancellationToken).ConfigureAwait(false);
                if (sample is not null)
                {
                    yield return sample;
                }
            }

            context.Progress?.Report(++done);
        }
    }

    private async Task<TrainingSample?> RerankSampleAsync(CapturingChatClient capture, ToolCatalog catalog, ToolQuery query, ToolQueryRecord record, Dictionary<string, string> meta, CancellationToken cancellationToken)
    {
        var size = Math.Max(_options.Reranking.ShortlistSize, 1);
        var shortlist = await ShortlistAsync(catalog, query, record, size, cancellationToken).ConfigureAwait(false);
        if (shortlist is null || shortlist.Value.Matches.Count < 2)
        {
            return null;
        }

        capture.Clear();
        var retriever = new ModelToolRetriever(capture, new FixedShortlistRetriever(shortlist.Value.Matches), _options.Reranking);
        _ = await retriever.RetrieveAsync(catalog, query, 1, cancellationToken).ConfigureAwait(false);
        var target = shortlist.Value.Target;
        var request = capture.Requests.Single(r => string.Equals(CapturingChatClient.ConstOf(r.Options), target, StringComparison.Ordinal));
        return new TrainingSample(RerankTask, request.Messages, request.Options, JsonSerializer.Serialize(target))
        {
            Meta = WithTarget(meta, target, shortlist.Value),
        };
    }

    private async Task<TrainingSample?> CallSampleAsync(CapturingChatClient capture, ToolCatalog catalog, List<AITool> declarations, ToolQuery query, ToolQueryRecord record, Dictionary<string, string> meta, CancellationToken cancellationToken)
    {
        var shortlist = await ShortlistAsync(catalog, query, record, _options.CallTopK, cancellationToken).ConfigureAwait(false);
        if (shortlist is null)
        {
            return null;
        }

        capture.Clear();
        var contents = new List<AIContent>(query.Images);
        contents.Add(new TextContent(record.Instruction));
        using var middleware = new ToolSelectionChatClient(capture, new FixedShortlistRetriever(shortlist.Value.Matches), new ToolSelectionOptions { TopK = _options.CallTopK });
        _ = await middleware.GetResponseAsync([new ChatMessage(ChatRole.User, contents)], new ChatOptions { Tools = declarations, ToolMode = _options.CallToolMode }, cancellationToken).ConfigureAwait(false);
        var request = capture.Requests.Single();
        var target = shortlist.Value.Target;
        var arguments = ToolCallArguments.Build(catalog.Find(target)!.ParametersSchema, record.Instruction, ToolDataGenerator.SlotValues);
        return new TrainingSample(CallTask, request.Messages, request.Options, ToolCallArguments.Render(target, arguments))
        {
            Meta = WithTarget(meta, target, shortlist.Value),
        };
    }

    /// <summary>The shortlist of <paramref name="size"/> with an acceptable tool in it (inserted if need be), or null to skip.</summary>
    private async Task<Shortlist?> ShortlistAsync(ToolCatalog catalog, ToolQuery query, ToolQueryRecord record, int size, CancellationToken cancellationToken)
    {
        var acceptable = new HashSet<string>(record.Acceptable, StringComparer.Ordinal);
        var matches = await _shortlister.RetrieveAsync(catalog, query, size, cancellationToken).ConfigureAwait(false);
        var at = IndexOf(matches, acceptable);
        if (at >= 0)
        {
            return new Shortlist(matches, matches[at].Tool.Name, at, false);
        }

        if (!_options.InsertMissingTool || matches.Count == 0)
        {
            return null;
        }

        var ranked = await _shortlister.RetrieveAsync(catalog, query, catalog.Count, cancellationToken).ConfigureAwait(false);
        var best = ranked.FirstOrDefault(m => acceptable.Contains(m.Tool.Name))
            ?? new ToolMatch(catalog.Find(record.Acceptable[0]) ?? throw new InvalidDataException($"Query '{record.Id}' accepts '{record.Acceptable[0]}', which the catalogue lacks."), 0);
        var position = (int)(StableHash(record.Id) % (uint)matches.Count);
        var list = matches.ToArray();
        list[position] = best;
        return new Shortlist(list, best.Tool.Name, position, true);
    }

    private static int IndexOf(IReadOnlyList<ToolMatch> matches, HashSet<string> acceptable)
    {
        for (var i = 0; i < matches.Count; i++)
        {
            if (acceptable.Contains(matches[i].Tool.Name))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> WithTarget(Dictionary<string, string> meta, string target, Shortlist shortlist) => new(meta, StringComparer.Ordinal)
    {
        ["target"] = target,
        ["position"] = shortlist.Position.ToString(CultureInfo.InvariantCulture),
        ["inserted"] = shortlist.Inserted ? "true" : "false",
        ["shortlist"] = string.Join(",", shortlist.Matches.Select(m => m.Tool.Name)),
    };

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static async Task<ToolQuery> ToQueryAsync(ToolQueryRecord record, string? folder, CancellationToken cancellationToken)
    {
        if (record.Image is null)
        {
            return new ToolQuery(record.Instruction);
        }

        var path = Path.Combine(folder ?? throw new InvalidDataException($"Query '{record.Id}' has an image but the data set has no folder."), record.Image);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return new ToolQuery(record.Instruction) { Images = [new DataContent(bytes, "image/png")] };
    }

    private readonly record struct Shortlist(IReadOnlyList<ToolMatch> Matches, string Target, int Position, bool Inserted);
}
