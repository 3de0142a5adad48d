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
/// full span (FastV-style gaps). With M-RoPE (3 position streams) an image's rows always take their merged-grid
/// cells, so the spatial positions the model reads survive pruning. Thread-safe.
/// </summary>
internal sealed class PromptRowBuilder
{
    private readonly InferenceSession _embed;
    private readonly EmbeddingTable? _table;
    private readonly string _input;
    private readonly string _output;
    private readonly int _hidden;
    private readonly int _imageToken;
    private readonly int _streams;

    public PromptRowBuilder(ModelPackage package, InferenceSession embed, EmbeddingTable? table)
    {
        _embed = embed;
        _table = table;
        var graph = package.Graph(ModelPackage.EmbedTokensRole);
        _input = SessionNames.Require(package, ModelPackage.EmbedTokensRole, embed, graph.Inputs["input_ids"], input: true);
        _output = SessionNames.Require(package, ModelPackage.EmbedTokensRole, embed, graph.Outputs["inputs_embeds"], input: false);
        _hidden = package.Manifest.Text.HiddenSize;
        _imageToken = package.Manifest.SpecialTokens.Image;
        _streams = package.Manifest.Text.PositionStreams;
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
        var streams = _streams;
        var positions = new long[count * streams];
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
                    var slot = positions.AsSpan(row * streams, streams);
                    if (streams == 3)
                    {
                        // M-RoPE (HF Qwen2.5-VL get_rope_index): an image's tokens share the temporal position where the
                        // image starts and take (row, column) of their merged-grid cell on the height and width streams;
                        // kept tokens keep their own cell whatever the selector dropped.
                        var source = e.SourceIndices[k];
                        slot[0] = next;
                        slot[1] = next + (source / e.GridWidth);
                        slot[2] = next + (source % e.GridWidth);
                    }
                    else
                    {
                        slot[0] = keepOriginalPositions ? next + e.SourceIndices[k] : next + k;
                    }

                    visual[row++] = true;
                }

                // Text after an image continues after its largest position (M-RoPE: the larger grid side).
                next += streams == 3 ? Math.Max(e.GridHeight, e.GridWidth) : keepOriginalPositions ? e.TokensTotal : e.Tokens;
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

            positions.AsSpan(row * streams, streams).Fill(next++);
            row++;
        }

        return new PromptRows(embeddings, positions, visual, next, streams);
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
