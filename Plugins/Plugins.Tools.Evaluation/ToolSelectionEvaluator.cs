using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Tools.Evaluation.Data;
using Plugins.Tools.Evaluation.Overlap;
using Plugins.Tools.Retrieval;

namespace Plugins.Tools.Evaluation;

/// <summary>
/// Runs an <see cref="IToolRetriever"/> over a data set: asks it for the top k tools of each query and scores top-1,
/// hit@k and recall@k against the acceptable set, overall, for queries with an image and for low-overlap queries (as
/// measured here by <see cref="LexicalOverlap"/>, whatever the file's <c>kind</c> says). Images are read before
/// timing; one untimed warm-up query (the first) fills the retriever's per-catalogue caches, then only the
/// retriever call of each query is timed. Holds no state between runs; concurrent runs are as thread-safe as the
/// retriever (their timings then disturb each other).
/// </summary>
public sealed partial class ToolSelectionEvaluator
{
    private readonly IToolRetriever _retriever;
    private readonly ToolEvaluatorOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates an evaluator of <paramref name="retriever"/>.</summary>
    /// <param name="retriever">The retriever under test.</param>
    /// <param name="options">The options, or null for the defaults (k = 10, every query).</param>
    /// <param name="logger">A logger, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ToolSelectionEvaluator(IToolRetriever retriever, ToolEvaluatorOptions? options = null, ILogger<ToolSelectionEvaluator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        _options = options ?? new ToolEvaluatorOptions();
        _options.Validate();
        _retriever = retriever;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Evaluates the retriever on <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The data set (from <see cref="ToolDatasetReader"/>; images are read from its folder).</param>
    /// <param name="dataFile">The name reported as the data file.</param>
    /// <param name="progress">Told after each query, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Every outcome and the metrics.</returns>
    /// <exception cref="InvalidDataException">A query has an image but the data set has no folder.</exception>
    public async Task<ToolEvaluation> EvaluateAsync(ToolDataset dataset, string dataFile, IProgress<ToolEvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(dataFile);
        var catalog = dataset.ToCatalog();
        var records = _options.Limit is { } limit ? dataset.Queries.Take(limit).ToArray() : dataset.Queries.ToArray();
        var descriptions = dataset.Tools.ToDictionary(t => t.Name, t => t.Description, StringComparer.Ordinal);
        var queries = new ToolQuery[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            queries[i] = await ToQueryAsync(records[i], dataset.Folder, cancellationToken).ConfigureAwait(false);
        }

        if (records.Length == 0)
        {
            return new ToolEvaluation { Retriever = _retriever.Name, DataFile = dataFile, TopK = _options.TopK, ToolCount = catalog.Count, Outcomes = [] };
        }

        // The warm-up: embeddings of the catalogue, BM25 statistics, JIT; its time is not counted.
        var warmUp = Stopwatch.StartNew();
        _ = await _retriever.RetrieveAsync(catalog, queries[0], _options.TopK, cancellationToken).ConfigureAwait(false);
        LogWarmUp(_logger, _retriever.Name, catalog.Count, warmUp.Elapsed.TotalMilliseconds);

        var outcomes = new List<ToolQueryOutcome>(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = records[i];
            var watch = Stopwatch.StartNew();
            var matches = await _retriever.RetrieveAsync(catalog, queries[i], _options.TopK, cancellationToken).ConfigureAwait(false);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var got = matches.Take(_options.TopK).Select(m => m.Tool.Name).ToArray();
            var overlap = LexicalOverlap.Measure(record.Instruction, record.Acceptable.Select(a => (a, descriptions.GetValueOrDefault(a, string.Empty))));
            var acceptable = new HashSet<string>(record.Acceptable, StringComparer.Ordinal);
            var found = got.Distinct(StringComparer.Ordinal).Count(acceptable.Contains);
            var outcome = new ToolQueryOutcome
            {
                Id = record.Id,
                Instruction = record.Instruction,
                Kind = record.Kind,
                Acceptable = record.Acceptable,
                Got = got,
                HasImage = record.Image is not null,
                SharedStems = overlap.SharedStems.Count,
                IsLowOverlap = overlap.IsLowOverlap,
                Top1Correct = got.Length > 0 && acceptable.Contains(got[0]),
                Hit = found > 0,
                Recall = (double)found / acceptable.Count,
                Milliseconds = elapsed,
            };
            if (!outcome.Top1Correct)
            {
                LogMiss(_logger, record.Id, record.Instruction, got.Length > 0 ? got[0] : "(nothing)");
            }

            outcomes.Add(outcome);
            progress?.Report(new ToolEvaluationProgress(i + 1, records.Length));
        }

        return new ToolEvaluation { Retriever = _retriever.Name, DataFile = dataFile, TopK = _options.TopK, ToolCount = catalog.Count, Outcomes = outcomes };
    }

    private static async Task<ToolQuery> ToQueryAsync(ToolQueryRecord record, string? folder, CancellationToken cancellationToken)
    {
        if (record.Image is null)
        {
            return new ToolQuery(record.Instruction);
        }

        if (folder is null)
        {
            throw new InvalidDataException($"Query '{record.Id}' has the image '{record.Image}' but the data set has no folder to read it from; read the data set with ToolDatasetReader.Read.");
        }

        var path = Path.Combine(folder, record.Image);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return new ToolQuery(record.Instruction) { Images = [new DataContent(bytes, MediaType(path))] };
    }

    private static string MediaType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        ".GIF" => "image/gif",
        ".BMP" => "image/bmp",
        _ => "image/png",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up of {Retriever} on {Tools} tools took {Milliseconds:F1} ms (not counted).")]
    private static partial void LogWarmUp(ILogger logger, string retriever, int tools, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Miss {Id}: '{Instruction}' got {Got}.")]
    private static partial void LogMiss(ILogger logger, string id, string instruction, string got);
}
