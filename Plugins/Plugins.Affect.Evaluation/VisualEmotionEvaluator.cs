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
using Plugins.Affect.Emotions;
using Plugins.Affect.Evaluation.Faces;
using Plugins.Affect.Visual;

namespace Plugins.Affect.Evaluation;

/// <summary>
/// Scores Plugins.Affect's <see cref="VisualEmotionReader"/> (label set <see cref="FaceEmotions.LabelSet"/>, default
/// reader options otherwise) on a faces data set: each image is sent as <c>image/png</c> exactly as the reader would
/// send it at inference; an answer that does not parse counts wrong. Reports accuracy overall and per label, the
/// confusion matrix and the time per face. One face at a time.
/// </summary>
public sealed partial class VisualEmotionEvaluator
{
    private readonly VisualEmotionEvaluatorOptions _options;
    private readonly VisualEmotionReader _reader;
    private readonly ILogger _logger;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="chatClient">The vision-language model.</param>
    /// <param name="options">The options (validated now); default <see cref="VisualEmotionEvaluatorOptions"/>.</param>
    /// <param name="logger">Logs each unusable answer at debug level.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public VisualEmotionEvaluator(IChatClient chatClient, VisualEmotionEvaluatorOptions? options = null, ILogger<VisualEmotionEvaluator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _options = options ?? new VisualEmotionEvaluatorOptions();
        _options.Validate();
        _reader = new VisualEmotionReader(chatClient, ReaderOptions(_options.ToChatOptions(), _options.MaxOutputTokens));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The reader options used for the faces (also by the training exporter): the faces label set, defaults otherwise.</summary>
    /// <param name="chatOptions">Base chat options (e.g. pruning keys), or null.</param>
    /// <param name="maxOutputTokens">The output budget. Default 64, the reader's default.</param>
    /// <returns>New reader options.</returns>
    public static VisualEmotionReaderOptions ReaderOptions(ChatOptions? chatOptions = null, int maxOutputTokens = 64) =>
        new() { LabelSet = FaceEmotions.LabelSet, ChatOptions = chatOptions, MaxOutputTokens = maxOutputTokens };

    /// <summary>Scores the data set in a folder (or its <c>faces.jsonl</c>).</summary>
    /// <param name="dataPath">The data folder or its <c>faces.jsonl</c>.</param>
    /// <param name="progress">Receives (done, total) after each face; optional.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="FileNotFoundException">The data or an image is missing.</exception>
    public Task<VisualEmotionEvaluation> EvaluateAsync(string dataPath, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var records = FaceDataSet.Read(dataPath);
        var folder = Directory.Exists(dataPath) ? dataPath : Path.GetDirectoryName(Path.GetFullPath(dataPath))!;
        return EvaluateAsync(records, folder, progress, cancellationToken);
    }

    /// <summary>Scores records whose images lie under <paramref name="folder"/>.</summary>
    /// <param name="records">The records.</param>
    /// <param name="folder">The folder the image paths are relative to.</param>
    /// <param name="progress">Receives (done, total) after each face; optional.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="FileNotFoundException">An image is missing.</exception>
    public async Task<VisualEmotionEvaluation> EvaluateAsync(IReadOnlyList<FaceRecord> records, string folder, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(folder);
        var selected = _options.Limit is { } limit ? records.Take(limit).ToList() : [.. records];
        var outcomes = new List<VisualEmotionOutcome>(selected.Count);
        foreach (var record in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, record.Image);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The image '{record.Image}' of face '{record.Id}' is missing (looked at {path}).", path);
            }

            var image = new DataContent(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), "image/png");
            var watch = Stopwatch.StartNew();
            string? predicted = null;
            string? error = null;
            try
            {
                predicted = (await _reader.ReadAsync(image, FaceEmotions.LabelSet, null, cancellationToken).ConfigureAwait(false)).Emotion;
            }
            catch (EmotionFormatException e)
            {
                error = e.Message;
                LogUnusable(_logger, record.Id, e.Message);
            }

            watch.Stop();
            outcomes.Add(new VisualEmotionOutcome(record.Id, record.Label, predicted, string.Equals(predicted, record.Label, StringComparison.Ordinal), watch.Elapsed.TotalMilliseconds, error));
            progress?.Report((outcomes.Count, selected.Count));
        }

        return Score(outcomes);
    }

    /// <summary>Builds the scores of a list of outcomes (labels outside the faces set are refused).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <returns>The scores.</returns>
    public static VisualEmotionEvaluation Score(IReadOnlyList<VisualEmotionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var labels = FaceEmotions.Labels;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Count + 1]).ToArray();
        foreach (var o in outcomes)
        {
            if (!index.TryGetValue(o.Label, out var row))
            {
                throw new ArgumentException($"Face '{o.Id}' has label '{o.Label}', which is not in {FaceEmotions.LabelSet}.", nameof(outcomes));
            }

            confusion[row][o.Predicted is { } p && index.TryGetValue(p, out var column) ? column : labels.Count]++;
        }

        var perLabel = labels.Select((l, i) =>
        {
            var count = confusion[i].Sum();
            return new EmotionLabelScore(l, count, confusion[i][i], count == 0 ? 0 : (double)confusion[i][i] / count);
        }).ToList();
        var correct = outcomes.Count(o => o.Correct);
        return new VisualEmotionEvaluation(
            outcomes.Count,
            correct,
            outcomes.Count(o => o.Predicted is null),
            outcomes.Count == 0 ? 0 : (double)correct / outcomes.Count,
            outcomes.Count == 0 ? 0 : outcomes.Average(o => o.Milliseconds),
            perLabel.AsReadOnly(),
            labels,
            confusion.Select(r => (IReadOnlyList<int>)r).ToList().AsReadOnly(),
            outcomes);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Face {Id}: unusable answer ({Reason})")]
    private static partial void LogUnusable(ILogger logger, string id, string reason);
}
