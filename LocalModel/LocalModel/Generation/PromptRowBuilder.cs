using System;
using System.Diagnostics;
using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>
/// Builds the prompt's decoder input rows: text embeddings for every id (a row copy from the memory-mapped table, or
/// one run of the embedding graph), each image placeholder replaced by its kept visual rows, and the position of
/// every row. Positions are contiguous by default (kept tokens re-indexed); with original positions kept, each
/// visual row takes its source token's place inside the image span and text after an image continues after the
/// full span (FastV-style gaps). Thread-safe.
/// </summary>
internal sealed class PromptRowBuilder
{
    private readonly InferenceSession _embed;
    private readonly EmbeddingTable? _table;
    private readonly string _input;
    private readonly string _output;
    private readonly int _hidden;
    private readonly int _imageToken;

    public PromptRowBuilder(ModelPackage package, InferenceSession embed, EmbeddingTable? table)
    {
        _embed = embed;
        _table = table;
        var graph = package.Graph(ModelPackage.EmbedTokensRole);
        _input = SessionNames.Require(package, ModelPackage.EmbedTokensRole, embed, graph.Inputs["input_ids"], input: true);
        _output = SessionNames.Require(package, ModelPackage.EmbedTokensRole, embed, graph.Outputs["inputs_embeds"], input: false);
        _hidden = package.Manifest.Text.HiddenSize;
        _imageToken = package.Manifest.SpecialTokens.Image;
    }

    public PromptRows Build(int[] ids, EncodedImage[] images, bool keepOriginalPositions, GenerationStatistics stats)
    {
        var h = _hidden;
        var count = 0;
        foreach (var id in ids)
        {
            count += id == _imageToken ? 0 : 1;
        }

        foreach (var e in images)
        {
            count += e.Tokens;
        }

        var embeddings = new float[count * h];
        var positions = new long[count];
        var visual = new bool[count];
        using var textEmbeds = _table is null ? EmbedWithGraph(ids, stats) : null;
        var textSpan = textEmbeds is null ? default : textEmbeds[0].GetTensorDataAsSpan<float>();
        var row = 0;
        var image = 0;
        long next = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] == _imageToken)
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

            if (_table is not null)
            {
                _table.CopyRow(ids[i], embeddings.AsSpan(row * h, h));
            }
            else
            {
                textSpan.Slice(i * h, h).CopyTo(embeddings.AsSpan(row * h, h));
            }

            positions[row++] = next++;
        }

        return new PromptRows(embeddings, positions, visual, next);
    }

    private IDisposableReadOnlyCollection<OrtValue> EmbedWithGraph(int[] ids, GenerationStatistics stats)
    {
        var idValues = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            idValues[i] = ids[i];
        }

        using var idValue = OrtValue.CreateTensorValueFromMemory(idValues, new long[] { 1, ids.Length });
        using var runOptions = new RunOptions();
        var watch = Stopwatch.StartNew();
        var outputs = _embed.Run(runOptions, new[] { _input }, new[] { idValue }, new[] { _output });
        stats.AddOnnxRuntime(watch.Elapsed.TotalMilliseconds);
        return outputs;
    }
}
