using System;
using System.Globalization;
using System.Linq;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Text;
using LocalModel.Packaging;

namespace LocalModel.Builder.Qwen;

/// <summary>
/// Writes the Qwen2.5-VL vision tower (HF <c>Qwen2_5_VisionTransformerPretrainedModel</c>) as one ONNX graph over one
/// image of any size: the Conv3d patch embedding without bias (a linear map of each flattened
/// <c>[C, T, P, P]</c> patch), the 2-D rotary embedding on (h, w), window attention with full attention in the
/// <c>fullatt_block_indexes</c> blocks, RMSNorm blocks with a gated SiLU MLP, and the 2x2 patch merger. Everything that
/// depends only on the image's grid is computed by the runtime (<c>Qwen25VlVisionLayout</c>) and fed as inputs: the patch
/// coordinates, the window order of the merged tokens and its inverse, and the padded window layout: the windowed blocks
/// attend within <c>[windows, slots]</c> padded windows (cost linear in the image), the full-attention blocks over all
/// patches.
/// </summary>
internal sealed class Qwen25VlVisionGraphWriter
{
    /// <summary>The graph's input names.</summary>
    public const string PixelValues = "pixel_values";

    /// <summary>The (h, w) coordinates of each patch, processor order.</summary>
    public const string PatchPositions = "patch_positions";

    /// <summary>The merged-token permutation into window order.</summary>
    public const string WindowIndex = "window_index";

    /// <summary>The padded windows: the window-order patch in each slot, or the patch count for padding.</summary>
    public const string WindowRows = "window_rows";

    /// <summary>Each window-order patch's slot in <see cref="WindowRows"/>.</summary>
    public const string WindowScatter = "window_scatter";

    /// <summary>The inverse of <see cref="WindowIndex"/>.</summary>
    public const string ReverseIndex = "reverse_index";

    /// <summary>The merged tokens, raster order of the merged grid, decoder width.</summary>
    public const string ImageFeatures = "image_features";

    /// <summary>The attention each merged token receives in the last full-attention block.</summary>
    public const string TokenImportance = "token_importance";

    /// <summary>The last block's output per patch, processor order (before the merger).</summary>
    public const string PatchHidden = "patch_hidden";

    private const double RmsEps = 1e-6;
    private readonly Qwen25VlConfig.VisionSettings _v;
    private readonly GraphLayers _layers;
    private readonly CheckpointWeights _weights;

    public Qwen25VlVisionGraphWriter(Qwen25VlConfig.VisionSettings vision, GraphLayers layers)
    {
        _v = vision;
        _layers = layers;
        _weights = layers.Weights;
    }

    public OnnxGraph VisionEncoder()
    {
        var v = _v;
        var g = new OnnxGraph("vision_encoder");
        g.Metadata[GraphMetadata.NumLayers] = v.Depth.ToString(CultureInfo.InvariantCulture);
        var e = v.HiddenSize;
        var hd = v.HeadDim;
        long unit = (long)v.SpatialMergeSize * v.SpatialMergeSize;
        var pixels = g.Input(PixelValues, OnnxDataType.Float, "patches", (long)v.PatchLength);
        var positions = g.Input(PatchPositions, OnnxDataType.Int64, "patches", 2L);
        var windowIndex = g.Input(WindowIndex, OnnxDataType.Int64, "merged");
        var windowRows = g.Input(WindowRows, OnnxDataType.Int64, "window_slots");
        var windowScatter = g.Input(WindowScatter, OnnxDataType.Int64, "patches");
        var reverseIndex = g.Input(ReverseIndex, OnnxDataType.Int64, "merged");

        // Conv3d with kernel = stride = [T, P, P] and no bias over one flattened patch is a linear map.
        var patchWeight = _weights.Add(g, _weights.Vision("patch_embed.proj.weight"), new long[] { e, v.Channels, v.TemporalPatchSize, v.PatchSize, v.PatchSize });
        var x = g.MatMul(pixels, g.Transpose(g.Reshape(patchWeight, e, -1), 1, 0));

        // Window order: merged-token groups of merge^2 consecutive patches are permuted as HF get_window_index does.
        x = InWindowOrder(g, x, windowIndex, unit, e);
        var ordered = InWindowOrder(g, positions, windowIndex, unit, 2);

        // 2-D rotary embedding (HF VisionRotaryEmbedding over head_dim/2): inv_freq_j = 10000^(-2j/(hd/2)), j < hd/4;
        // the first hd/4 angles from h, the next from w, duplicated over the two rotate-half halves.
        var quarter = hd / 4;
        var invFreq = new float[quarter];
        for (var j = 0; j < quarter; j++)
        {
            invFreq[j] = (float)(1.0 / Math.Pow(10000.0, 2.0 * j / (hd / 2)));
        }

        var angles = g.Reshape(g.Mul(g.Unsqueeze(g.Cast(ordered, OnnxDataType.Float), 2), g.ConstFloat(invFreq, new long[] { quarter })), -1, 2L * quarter);
        var emb = g.Concat(-1, angles, angles);
        var cos = g.Unsqueeze(g.Op("Cos", new[] { emb }), 0);
        var sin = g.Unsqueeze(g.Op("Sin", new[] { emb }), 0);

        // Window attention (HF cu_window_seqlens segments): every window padded to the full window's slots; a slot
        // holding the padding row (index = patch count) is masked as a key.
        var slots = (long)v.MergedWindow * v.MergedWindow * unit;
        var patchCount = g.Dim(pixels, 0);
        var padded = g.Reshape(g.Op("Less", new[] { windowRows, patchCount }), -1, 1, 1, slots);
        var keyBias = g.Op("Where", new[] { padded, g.ScalarFloat(0f), g.ScalarFloat(GraphLayers.MaskedScore) });
        var scale = g.ScalarFloat((float)Math.Pow(hd, -0.5));
        var lastFull = v.FullAttentionBlocks.Max();
        var act = LlavaConfig.ActivationKind(v.Activation, "config.json", "vision_config.hidden_act");
        string? received = null;
        for (var b = 0; b < v.Depth; b++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"blocks.{b}.");
            var h = _layers.RmsNorm(g, x, _weights.Vision(p + "norm1.weight"), e, RmsEps);
            var qkv = g.Transpose(g.Reshape(_layers.Linear(g, h, _weights.Vision(p + "attn.qkv"), e, 3 * e, bias: true), -1, 3, v.Heads, hd), 1, 2, 0, 3);
            var q = GraphLayers.RotateHalf(g, g.Gather(qkv, g.ScalarInt64(0), 0), cos, sin, hd, 2);
            var k = GraphLayers.RotateHalf(g, g.Gather(qkv, g.ScalarInt64(1), 0), cos, sin, hd, 2);
            var val = g.Gather(qkv, g.ScalarInt64(2), 0);
            string ctx;
            if (v.FullAttentionBlocks.Contains(b))
            {
                var probs = g.Softmax(g.Mul(g.MatMul(q, g.Transpose(k, 0, 2, 1)), scale), -1);
                if (b == lastFull)
                {
                    // VisionZip's dominant-token signal without [CLS]: the attention each key patch receives, mean over
                    // heads and over every query patch.
                    received = g.ReduceMean(g.ReduceMean(probs, 0, keepDims: false), 0, keepDims: false);
                }

                ctx = g.Reshape(g.Transpose(g.MatMul(probs, val), 1, 0, 2), -1, e);
            }
            else
            {
                var qw = Windowed(g, q, windowRows, slots, hd);
                var kw = Windowed(g, k, windowRows, slots, hd);
                var vw = Windowed(g, val, windowRows, slots, hd);
                var probs = g.Softmax(g.Add(g.Mul(g.MatMul(qw, g.Transpose(kw, 0, 1, 3, 2)), scale), keyBias), -1);

                // [windows, heads, slots, hd] -> [windows * slots, e] -> each patch's own slot.
                ctx = g.Gather(g.Reshape(g.Transpose(g.MatMul(probs, vw), 0, 2, 1, 3), -1, e), windowScatter, 0);
            }

            x = g.Add(x, _layers.Linear(g, ctx, _weights.Vision(p + "attn.proj"), e, e, bias: true));
            h = _layers.RmsNorm(g, x, _weights.Vision(p + "norm2.weight"), e, RmsEps);
            var gate = GraphLayers.Activation(g, _layers.Linear(g, h, _weights.Vision(p + "mlp.gate_proj"), e, v.IntermediateSize, bias: true), act);
            var up = _layers.Linear(g, h, _weights.Vision(p + "mlp.up_proj"), e, v.IntermediateSize, bias: true);
            x = g.Add(x, _layers.Linear(g, g.Mul(gate, up), _weights.Vision(p + "mlp.down_proj"), v.IntermediateSize, e, bias: true));
        }

        // Patch merger (HF Qwen2_5_VLPatchMerger): RMSNorm per patch, concatenate the merge^2 patches of a merged
        // token, Linear, exact GELU, Linear to the decoder width; then back from window order to raster order.
        var grouped = g.Reshape(_layers.RmsNorm(g, x, _weights.Vision("merger.ln_q.weight"), e, RmsEps), -1, unit * e);
        var inner = (int)(unit * e);
        var merged = _layers.Linear(g, GraphLayers.Activation(g, _layers.Linear(g, grouped, _weights.Vision("merger.mlp.0"), inner, inner, bias: true, quantizable: true), "gelu"), _weights.Vision("merger.mlp.2"), inner, v.OutHiddenSize, bias: true, quantizable: true);
        g.Output(ImageFeatures, g.Gather(merged, reverseIndex, 0), OnnxDataType.Float, "merged", (long)v.OutHiddenSize);
        g.Output(TokenImportance, g.Gather(g.ReduceMean(g.Reshape(received!, -1, unit), 1, keepDims: false), reverseIndex, 0), OnnxDataType.Float, "merged");
        g.Output(PatchHidden, InWindowOrder(g, x, reverseIndex, unit, e), OnnxDataType.Float, "patches", (long)e);
        return g;
    }

    /// <summary>
    /// Gathers <c>[heads, patches, hd]</c> into padded windows <c>[windows, heads, slots, hd]</c>; the padding index (the
    /// patch count) reads a zero row appended for it.
    /// </summary>
    private static string Windowed(OnnxGraph g, string x, string windowRows, long slots, long hd)
    {
        var heads = g.Dim(x, 0);
        var zeros = g.Op("Expand", new[] { g.ScalarFloat(0f), g.Concat(0, heads, g.ConstInt64(1, hd)) });
        var rows = g.Gather(g.Concat(1, x, zeros), windowRows, 1);
        return g.Transpose(g.ReshapeTo(rows, g.Concat(0, heads, g.ConstInt64(-1, slots, hd))), 1, 0, 2, 3);
    }

    /// <summary>Permutes rows in groups of <paramref name="unit"/> (one merged token's patches) by <paramref name="order"/>.</summary>
    private static string InWindowOrder(OnnxGraph g, string rows, string order, long unit, long width) =>
        g.Reshape(g.Gather(g.Reshape(rows, -1, unit, width), order, 0), -1, width);
}
