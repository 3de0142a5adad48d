using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Affect.Evaluation;
using Plugins.Affect.Evaluation.Faces;
using Plugins.Affect.Visual;

namespace Agents.Training.Affect;

/// <summary>
/// Task <c>affect-face</c>: generated faces (<see cref="FaceGenerator"/>, the context's split and seed, rendered in
/// Chromium) as the real <see cref="VisualEmotionReader"/> asks about them (label set <see cref="FaceEmotions.LabelSet"/>,
/// the reader run against a capturing client, so messages and options are exactly what it sends), answered with the
/// compact JSON its schema admits: <c>{"clues":[...],"emotion":"joy"}</c>, clues first (schema order), at most
/// <see cref="VisualEmotionReaderOptions.MaxClues"/> of the face's clues, most telling first.
/// </summary>
public sealed class AffectFaceExporter : ITrainingTaskExporter
{
    /// <summary>The task name.</summary>
    public const string TaskName = "affect-face";

    /// <inheritdoc />
    public IReadOnlyList<string> Tasks { get; } = [TaskName];

    /// <inheritdoc />
    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var split = context.IsHeldOut ? FaceGenerator.HeldOutSplit : FaceGenerator.TrainSplit;
        await using var renderer = await FaceRenderer.LaunchAsync(context.ChromiumPath, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < context.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (item, png) = await FaceGenerator.RenderAsync(renderer, split, context.Seed, i, cancellationToken).ConfigureAwait(false);
            yield return await CreateSampleAsync(item.Record, png, cancellationToken).ConfigureAwait(false);
            context.Progress?.Report(i + 1);
        }
    }

    /// <summary>The answer the reader's schema admits for a face: compact JSON, <c>clues</c> then <c>emotion</c>.</summary>
    /// <param name="record">The face.</param>
    /// <returns>E.g. <c>{"clues":["upturned mouth","relaxed raised brows","rosy cheeks"],"emotion":"joy"}</c>.</returns>
    public static string Answer(FaceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var options = VisualEmotionEvaluator.ReaderOptions();
        var clues = record.Clues.Where(c => c.Length is > 0 && c.Length <= options.MaxClueLength).Take(options.MaxClues).ToList();
        if (clues.Count == 0)
        {
            throw new ArgumentException($"Face '{record.Id}' has no clue of 1..{options.MaxClueLength} characters.", nameof(record));
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("clues");
            foreach (var clue in clues)
            {
                writer.WriteStringValue(clue);
            }

            writer.WriteEndArray();
            writer.WriteString("emotion", record.Label);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Runs the real reader on one face against a capturing client and returns the sample.</summary>
    /// <param name="record">The face.</param>
    /// <param name="png">Its PNG bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sample: the reader's messages and options, <see cref="Answer"/>, and meta (id, label, split, style).</returns>
    public static async Task<TrainingSample> CreateSampleAsync(FaceRecord record, byte[] png, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(png);
        var answer = Answer(record);
        var capture = new CapturingChatClient(answer);
        var reader = new VisualEmotionReader(capture, VisualEmotionEvaluator.ReaderOptions());
        var read = await reader.ReadAsync(new DataContent(png, "image/png"), FaceEmotions.LabelSet, null, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(read.Emotion, record.Label, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The reader read '{read.Emotion}' from the answer for face '{record.Id}' labelled '{record.Label}'.");
        }

        return new TrainingSample(TaskName, capture.Messages!, capture.Options, answer)
        {
            Meta = new Dictionary<string, string>
            {
                ["id"] = record.Id,
                ["label"] = record.Label,
                ["split"] = record.Split,
                ["style"] = record.Style,
            },
        };
    }
}
