using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>
/// The faces data set on disk: <c>faces.jsonl</c> (one <see cref="FaceRecord"/> per line, camel-case fields
/// <c>id, image, label, clues, split, style</c>) with the PNGs under <c>images/</c>. Reader, writer and generator.
/// </summary>
public static class FaceDataSet
{
    /// <summary>The records file's name.</summary>
    public const string FileName = "faces.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the records as <c>faces.jsonl</c> in <paramref name="folder"/> (created if missing).</summary>
    /// <param name="folder">The data folder.</param>
    /// <param name="records">The records.</param>
    /// <returns>The file's path.</returns>
    public static string Write(string folder, IEnumerable<FaceRecord> records)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(records);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(JsonSerializer.Serialize(record, Json)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Reads the records of a data folder (or of a <c>faces.jsonl</c> file given directly).</summary>
    /// <param name="path">The data folder or its <c>faces.jsonl</c>.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="FileNotFoundException">There is no <c>faces.jsonl</c>.</exception>
    /// <exception cref="InvalidDataException">A line is not a valid record; the message names the line.</exception>
    public static IReadOnlyList<FaceRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No {FileName} at '{path}'; generate one with 'agents data faces --out <dir>'.", file);
        }

        var records = new List<FaceRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            FaceRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<FaceRecord>(line, Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file} line {number} is not a face record ({e.Message}).", e);
            }

            if (record is null || string.IsNullOrEmpty(record.Id) || string.IsNullOrEmpty(record.Image) || !FaceEmotions.LabelSet.Contains(record.Label))
            {
                throw new InvalidDataException($"{file} line {number} needs an id, an image and a label of {FaceEmotions.LabelSet}.");
            }

            records.Add(record with { Clues = record.Clues ?? [] });
        }

        return records.AsReadOnly();
    }

    /// <summary>Generates <paramref name="count"/> faces of a split and seed into <paramref name="folder"/> (PNG under <c>images/</c>, then <c>faces.jsonl</c>).</summary>
    /// <param name="folder">The output folder (created if missing).</param>
    /// <param name="split"><see cref="FaceGenerator.TrainSplit"/> or <see cref="FaceGenerator.HeldOutSplit"/>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="count">How many faces (at least 1).</param>
    /// <param name="chromiumPath">The Chromium executable, or null to look it up.</param>
    /// <param name="progress">Receives the number of faces written so far; optional.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The records written.</returns>
    public static async Task<IReadOnlyList<FaceRecord>> GenerateAsync(string folder, string split, int seed, int count, string? chromiumPath = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        FaceGenerator.Design(split, seed, 0);
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var records = new List<FaceRecord>(count);
        await using var renderer = await FaceRenderer.LaunchAsync(chromiumPath, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (item, png) = await FaceGenerator.RenderAsync(renderer, split, seed, i, cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(folder, item.Record.Image), png, cancellationToken).ConfigureAwait(false);
            records.Add(item.Record);
            progress?.Report(i + 1);
        }

        Write(folder, records);
        return records.AsReadOnly();
    }
}
