using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Agents.Bench;

/// <summary>The outcome of <see cref="EmbeddingThroughputBenchmark.RunAsync"/>: one row per batch size, in the order asked.</summary>
/// <param name="Provider">The generator's provider name from its metadata, or its type name.</param>
/// <param name="ModelId">The generator's default model id from its metadata, if it reports one.</param>
/// <param name="Rows">Throughput per batch size.</param>
public sealed record EmbeddingBenchmarkResult(string Provider, string? ModelId, IReadOnlyList<EmbeddingThroughputRow> Rows)
{
    /// <summary>Writes the rows as an aligned text table (one header line, one line per batch size).</summary>
    public void WriteTable(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"embedding throughput: {Provider}{(ModelId is null ? string.Empty : $" / {ModelId}")}");
        writer.WriteLine("batch  sentences  repeats  median pass ms  sentences/s (median)  slowest  fastest");
        foreach (var row in Rows)
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.BatchSize,5}  {row.Sentences,9}  {row.Repeats,7}  {row.MedianPassMilliseconds,14:F1}  {row.SentencesPerSecond,20:F1}  {row.SlowestSentencesPerSecond,7:F1}  {row.FastestSentencesPerSecond,7:F1}"));
        }
    }

    /// <summary>Returns <see cref="WriteTable"/>'s text.</summary>
    public string ToTable()
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder, CultureInfo.InvariantCulture);
        WriteTable(writer);
        return builder.ToString();
    }
}
