using System;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <content>The prompt as decoder input rows.</content>
public sealed partial class VlmEngine
{
    /// <summary>
    /// Builds the prompt's input rows: text embeddings for every id, each image placeholder replaced by its kept
    /// visual rows, and the position of every row. Positions are contiguous by default (kept tokens re-indexed);
    /// with original positions kept, each visual row takes its source token's place inside the image span and text
    /// after an image continues after the full span (FastV-style gaps).
    /// </summary>
    private PromptRows BuildPromptRows(int[] ids, ImageEmbedding[] images, int imageToken, bool keepOriginalPositions, RunOptions runOptions)
    {
        var h = Package.Manifest.Text.HiddenSize;
        var count = 0;
        foreach (var id in ids)
        {
            count += id == imageToken ? 0 : 1;
        }

        foreach (var e in images)
        {
            count += e.Tokens;
        }

        var embeddings = new float[count * h];
        var positions = new long[count];
        var visual = new bool[count];
        double ortMs = 0;
        ReadOnlySpan<float> textSpan = default;
        IDisposable? textEmbeds = null;
        try
        {
            if (_embeddingTable is null)
            {
                var idValues = new long[ids.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    idValues[i] = ids[i];
                }

                using var idValue = OrtValue.CreateTensorValueFromMemory(idValues, new long[] { 1, ids.Length });
                var watch = Stopwatch.StartNew();
                var outputs = _embed.Run(runOptions, new[] { _embedInput }, new[] { idValue }, new[] { _embedOutput });
                ortMs += watch.Elapsed.TotalMilliseconds;
                textEmbeds = outputs;
                textSpan = outputs[0].GetTensorDataAsSpan<float>();
            }

            var row = 0;
            var image = 0;
            long next = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] == imageToken)
                {
                    var e = images[image++];
                    e.Embeddings.AsSpan(0, e.Tokens * h).CopyTo(embeddings.AsSpan(row * h));
                    for (var k = 0; k < e.Tokens; k++)
                    {
                        positions[row] = keepOriginalPositions ? next + e.SourceIndices[k] : next + k;
                        visual[row++] = true;
                    }

                    next += keepOriginalPositions ? e.TokensTotal : e.Tokens;
                    continue;
                }

                if (_embeddingTable is { } table)
                {
                    table.CopyRow(ids[i], embeddings.AsSpan(row * h, h));
                }
                else
                {
                    textSpan.Slice(i * h, h).CopyTo(embeddings.AsSpan(row * h, h));
                }

                positions[row++] = next++;
            }

            return new PromptRows(embeddings, positions, visual, next, ortMs);
        }
        finally
        {
            textEmbeds?.Dispose();
        }
    }

    /// <summary>The prompt's decoder input rows.</summary>
    /// <param name="Embeddings">Row-major <c>[rows, hidden]</c>.</param>
    /// <param name="Positions">Position id per row.</param>
    /// <param name="IsVisual">Whether each row is a visual token.</param>
    /// <param name="NextPosition">The position of the first generated token.</param>
    /// <param name="OnnxRuntimeMs">Time spent in the embedding graph, if it ran.</param>
    private sealed record PromptRows(float[] Embeddings, long[] Positions, bool[] IsVisual, long NextPosition, double OnnxRuntimeMs)
    {
        public int Count => Positions.Length;
    }
}
