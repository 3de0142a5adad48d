using System;
using System.Collections.Generic;
using System.Globalization;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Quantization;
using LocalModel.Packaging;

namespace LocalModel.Builder.Llava;

/// <summary>
/// Writes the four LLaVA graphs with standard ONNX operators (opset 17): the CLIP vision encoder (with
/// explicit [CLS] attention rows), the <c>mlp2x_gelu</c> projector, the token embedding and the Llama
/// decoder with a key/value cache. Semantics follow HuggingFace <c>CLIPVisionModel</c>,
/// <c>LlavaMultiModalProjector</c> and <c>LlamaModel</c>.
/// </summary>
internal sealed partial class LlavaGraphWriter
{
    /// <summary>Additive mask value for disallowed attention positions.</summary>
    private const float MaskedScore = -1e9f;
    private readonly LlavaConfig _config;
    private readonly CheckpointWeights _weights;
    private readonly WeightQuantization? _quantization;

    /// <param name="config">The checkpoint's configuration.</param>
    /// <param name="weights">The checkpoint's tensors.</param>
    /// <param name="quantization">When set, the projector's and the decoder's linear layers become <c>MatMulNBits</c>; the vision encoder, the embedding and the LM head keep the storage type.</param>
    public LlavaGraphWriter(LlavaConfig config, CheckpointWeights weights, WeightQuantization? quantization = null)
    {
        _config = config;
        _weights = weights;
        _quantization = quantization;
    }

    public static string ClsAttentionOutputName(int layer) => string.Create(CultureInfo.InvariantCulture, $"cls_attention.{layer}");

    public static string PastKey(int layer) => string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.key");

    public static string PastValue(int layer) => string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.value");

    public static string PresentKey(int layer) => string.Create(CultureInfo.InvariantCulture, $"present.{layer}.key");

    public static string PresentValue(int layer) => string.Create(CultureInfo.InvariantCulture, $"present.{layer}.value");

    /// <summary>CLIP ViT: patch conv, [CLS], positions, pre-LayerNorm, the encoder layers up to the feature layer.</summary>
    public OnnxGraph VisionEncoder(IReadOnlySet<int> clsAttentionLayers)
    {
        var v = _config.Vision;
        var g = new OnnxGraph("vision_encoder");
        g.Metadata[GraphMetadata.NumLayers] = _config.FeatureLayerCount.ToString(CultureInfo.InvariantCulture);
        var c = v.HiddenSize;
        var n = (long)v.GridSize * v.GridSize;
        var pixels = g.Input("pixel_values", OnnxDataType.Float, "batch", (long)v.Channels, (long)v.ImageSize, (long)v.ImageSize);
        var patchW = _weights.Add(g, _weights.Vision("embeddings.patch_embedding.weight"), new long[] { c, v.Channels, v.PatchSize, v.PatchSize });
        var patches = g.Op("Conv", new[] { pixels, patchW }, OnnxAttribute.Ints("strides", new long[] { v.PatchSize, v.PatchSize }), OnnxAttribute.Ints("kernel_shape", new long[] { v.PatchSize, v.PatchSize }));
        var tokens = g.Transpose(g.Reshape(patches, 0, c, -1), 0, 2, 1);
        var cls = _weights.Add(g, _weights.Vision("embeddings.class_embedding"), new long[] { c });
        var batch = g.Dim(pixels, 0);
        var clsShape = g.Concat(0, batch, g.ConstInt64(1, c));
        var clsTokens = g.Op("Expand", new[] { g.Reshape(cls, 1, 1, c), clsShape });
        var x = g.Concat(1, clsTokens, tokens);
        x = g.Add(x, _weights.Add(g, _weights.Vision("embeddings.position_embedding.weight"), new long[] { n + 1, c }));
        x = LayerNorm(g, x, _weights.Vision("pre_layrnorm"), c, v.LayerNormEps);

        var heads = v.Heads;
        var headDim = c / heads;
        var scale = g.ScalarFloat((float)Math.Pow(headDim, -0.5));
        var act = LlavaConfig.ActivationKind(v.Activation, "config.json", "vision_config.hidden_act");
        for (var l = 0; l < _config.FeatureLayerCount; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"encoder.layers.{l}.");
            var h = LayerNorm(g, x, _weights.Vision(p + "layer_norm1"), c, v.LayerNormEps);
            var q = g.Mul(Linear(g, h, _weights.Vision(p + "self_attn.q_proj"), c, c, bias: true), scale);
            var k = Linear(g, h, _weights.Vision(p + "self_attn.k_proj"), c, c, bias: true);
            var val = Linear(g, h, _weights.Vision(p + "self_attn.v_proj"), c, c, bias: true);
            var qh = g.Transpose(g.Reshape(q, 0, -1, heads, headDim), 0, 2, 1, 3);
            var kT = g.Transpose(g.Reshape(k, 0, -1, heads, headDim), 0, 2, 3, 1);
            var vh = g.Transpose(g.Reshape(val, 0, -1, heads, headDim), 0, 2, 1, 3);
            var probs = g.Softmax(g.MatMul(qh, kT), -1);
            if (clsAttentionLayers.Contains(l))
            {
                // FasterVLM / VTC-CLS: the [CLS] query's attention row, averaged over heads, restricted to the patch keys.
                var clsRow = g.Gather(probs, g.ScalarInt64(0), 2);
                var mean = g.ReduceMean(clsRow, 1, keepDims: false);
                var patchesOnly = g.Slice(mean, 1, long.MaxValue, 1);
                g.Output(ClsAttentionOutputName(l), patchesOnly, OnnxDataType.Float, "batch", n);
            }

            var ctx = g.Reshape(g.Transpose(g.MatMul(probs, vh), 0, 2, 1, 3), 0, -1, c);
            x = g.Add(x, Linear(g, ctx, _weights.Vision(p + "self_attn.out_proj"), c, c, bias: true));
            h = LayerNorm(g, x, _weights.Vision(p + "layer_norm2"), c, v.LayerNormEps);
            var m = Activation(g, Linear(g, h, _weights.Vision(p + "mlp.fc1"), c, v.IntermediateSize, bias: true), act);
            x = g.Add(x, Linear(g, m, _weights.Vision(p + "mlp.fc2"), v.IntermediateSize, c, bias: true));
        }

        var features = _config.DropCls ? g.Slice(x, 1, long.MaxValue, 1) : x;
        g.Output("patch_features", features, OnnxDataType.Float, "batch", _config.DropCls ? n : n + 1, (long)c);
        return g;
    }

    /// <summary>LLaVA's two-layer MLP projector; the token count is dynamic so selected subsets project too.</summary>
    public OnnxGraph Projector()
    {
        var g = new OnnxGraph("projector");
        var c = _config.Vision.HiddenSize;
        var h = _config.Text.HiddenSize;
        var f = g.Input("patch_features", OnnxDataType.Float, "batch", "tokens", (long)c);
        var act = LlavaConfig.ActivationKind(_config.ProjectorActivation, "config.json", "projector_hidden_act");
        var y = Activation(g, Linear(g, f, _weights.Projector("linear_1"), c, h, bias: true, quantizable: true), act);
        y = Linear(g, y, _weights.Projector("linear_2"), h, h, bias: true, quantizable: true);
        g.Output("image_features", y, OnnxDataType.Float, "batch", "tokens", (long)h);
        return g;
    }

    /// <summary>The token embedding lookup.</summary>
    public OnnxGraph EmbedTokens()
    {
        var g = new OnnxGraph("embed_tokens");
        var t = _config.Text;
        var ids = g.Input("input_ids", OnnxDataType.Int64, "batch", "sequence");
        var table = _weights.Add(g, _weights.Text("embed_tokens.weight"), new long[] { t.VocabSize, t.HiddenSize });
        g.Output("inputs_embeds", g.Gather(table, ids, 0), OnnxDataType.Float, "batch", "sequence", (long)t.HiddenSize);
        return g;
    }

    /// <summary>
    /// The Llama decoder over <c>inputs_embeds</c> with explicit <c>position_ids</c> (RoPE), a causal mask
    /// combined with <c>attention_mask</c> over past+current positions, grouped KV heads and a cache in
    /// <c>[batch, kv_heads, seq, head_dim]</c>. Logits are computed for the last position only.
    /// With <paramref name="tokenIdsInput"/> the graph takes <c>input_ids</c> and embeds them itself (the text-only
    /// decoder ONNX Runtime GenAI runs).
    /// </summary>
    public OnnxGraph Decoder(bool tokenIdsInput = false) => DecoderStage(0, _config.Text.Layers, tokenIdsInput ? "text_decoder" : "decoder", tokenIdsInput);

    /// <summary>
    /// One stage of the decoder: layers <paramref name="firstLayer"/>..<paramref name="endLayer"/>-1. The first stage
    /// takes <c>inputs_embeds</c>, later ones <c>hidden_states</c>; the last stage ends in the final norm and logits,
    /// earlier ones output <c>hidden_states</c> and <c>last_query_attention</c>: the attention probabilities of the
    /// last input position over all keys at the stage's last layer, averaged over heads (FastV / PyramidDrop score).
    /// </summary>
    public OnnxGraph DecoderStage(int firstLayer, int endLayer, string name, bool tokenIdsInput = false)
    {
        var t = _config.Text;
        var g = new OnnxGraph(name);
        g.Metadata[GraphMetadata.NumLayers] = (endLayer - firstLayer).ToString(CultureInfo.InvariantCulture);
        var hidden = t.HiddenSize;
        var hd = t.HeadDim;
        var groups = t.Heads / t.KvHeads;
        var isLast = endLayer == t.Layers;
        var (x, mask, positions, pastKeys, pastValues) = DecoderInputs(g, firstLayer, endLayer, tokenIdsInput);

        // RoPE (HF LlamaRotaryEmbedding): inv_freq_i = theta^(-2i/d); angles = position * inv_freq, duplicated.
        var invFreq = new float[hd / 2];
        for (var i = 0; i < invFreq.Length; i++)
        {
            invFreq[i] = (float)(1.0 / Math.Pow(t.RopeTheta, 2.0 * i / hd));
        }

        var angles = g.Mul(g.Unsqueeze(g.Cast(positions, OnnxDataType.Float), 2), g.ConstFloat(invFreq, new long[] { invFreq.Length }));
        var emb = g.Concat(-1, angles, angles);
        var cos = g.Unsqueeze(g.Op("Cos", new[] { emb }), 1);
        var sin = g.Unsqueeze(g.Op("Sin", new[] { emb }), 1);

        // Causal mask over slots: query i (slot total-seq+i) sees key j when j <= its slot and attention_mask[j] == 1.
        var total = g.Squeeze(g.Dim(mask, 1), 0);
        var seq = g.Squeeze(g.Dim(positions, 1), 0);
        var one = g.ScalarInt64(1);
        var keySlots = g.Op("Range", new[] { g.ScalarInt64(0), total, one });
        var querySlots = g.Op("Range", new[] { g.Sub(total, seq), total, one });
        var causal = g.Op("LessOrEqual", new[] { g.Unsqueeze(keySlots, 0), g.Unsqueeze(querySlots, 1) });
        var padding = g.Unsqueeze(g.Cast(mask, OnnxDataType.Bool), 1, 2);
        var allowed = g.Op("And", new[] { g.Unsqueeze(causal, 0, 1), padding });
        var bias = g.Op("Where", new[] { allowed, g.ScalarFloat(0f), g.ScalarFloat(MaskedScore) });
        var scale = g.ScalarFloat((float)(1.0 / Math.Sqrt(hd)));
        var scoresShape = g.Concat(0, g.ConstInt64(0, t.Heads, -1), g.Dim(mask, 1));

        for (var l = firstLayer; l < endLayer; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"layers.{l}.");
            var h = RmsNorm(g, x, _weights.Text(p + "input_layernorm.weight"), hidden, t.RmsNormEps);
            var q = g.Transpose(g.Reshape(Linear(g, h, _weights.Text(p + "self_attn.q_proj"), hidden, t.Heads * hd, bias: false, quantizable: true), 0, 0, t.Heads, hd), 0, 2, 1, 3);
            var k = g.Transpose(g.Reshape(Linear(g, h, _weights.Text(p + "self_attn.k_proj"), hidden, t.KvHeads * hd, bias: false, quantizable: true), 0, 0, t.KvHeads, hd), 0, 2, 1, 3);
            var v = g.Transpose(g.Reshape(Linear(g, h, _weights.Text(p + "self_attn.v_proj"), hidden, t.KvHeads * hd, bias: false, quantizable: true), 0, 0, t.KvHeads, hd), 0, 2, 1, 3);
            q = ApplyRope(g, q, cos, sin, hd);
            k = ApplyRope(g, k, cos, sin, hd);
            var presentK = g.Concat(2, pastKeys[l], k);
            var presentV = g.Concat(2, pastValues[l], v);
            g.Output(PresentKey(l), presentK, OnnxDataType.Float, "batch", (long)t.KvHeads, "total_sequence", (long)hd);
            g.Output(PresentValue(l), presentV, OnnxDataType.Float, "batch", (long)t.KvHeads, "total_sequence", (long)hd);

            // Grouped KV heads: query heads kv*g..kv*g+g-1 share KV head kv, so fold the group into the
            // query rows ([B, kv, g*S, d]) instead of repeating the cache.
            var qGrouped = groups == 1 ? q : g.Reshape(q, 0, t.KvHeads, -1, hd);
            var scores = g.MatMul(qGrouped, g.Transpose(presentK, 0, 1, 3, 2));
            if (groups != 1)
            {
                scores = g.ReshapeTo(scores, scoresShape);
            }

            var probs = g.Softmax(g.Add(g.Mul(scores, scale), bias), -1);
            if (!isLast && l == endLayer - 1)
            {
                // FastV / PyramidDrop: the last query position's attention over every key, mean over heads.
                var lastQuery = g.Slice(probs, -1, long.MaxValue, 2);
                g.Output("last_query_attention", g.Squeeze(g.ReduceMean(lastQuery, 1, keepDims: false), 1), OnnxDataType.Float, "batch", "total_sequence");
            }

            var probsGrouped = groups == 1 ? probs : g.ReshapeTo(probs, g.Concat(0, g.ConstInt64(0, t.KvHeads, -1), g.Dim(mask, 1)));
            var ctx = g.MatMul(probsGrouped, presentV);
            if (groups != 1)
            {
                ctx = g.Reshape(ctx, 0, t.Heads, -1, hd);
            }

            ctx = g.Reshape(g.Transpose(ctx, 0, 2, 1, 3), 0, 0, t.Heads * hd);
            x = g.Add(x, Linear(g, ctx, _weights.Text(p + "self_attn.o_proj"), t.Heads * hd, hidden, bias: false, quantizable: true));
            h = RmsNorm(g, x, _weights.Text(p + "post_attention_layernorm.weight"), hidden, t.RmsNormEps);
            var gate = Linear(g, h, _weights.Text(p + "mlp.gate_proj"), hidden, t.IntermediateSize, bias: false, quantizable: true);
            var up = Linear(g, h, _weights.Text(p + "mlp.up_proj"), hidden, t.IntermediateSize, bias: false, quantizable: true);
            var act = g.Mul(g.Mul(gate, g.Sigmoid(gate)), up);
            x = g.Add(x, Linear(g, act, _weights.Text(p + "mlp.down_proj"), t.IntermediateSize, hidden, bias: false, quantizable: true));
        }

        if (!isLast)
        {
            g.Output("last_hidden_state", x, OnnxDataType.Float, "batch", "sequence", (long)hidden);
            return g;
        }

        x = RmsNorm(g, x, _weights.Text("norm.weight"), hidden, t.RmsNormEps);
        var last = g.Slice(x, -1, long.MaxValue, 1);
        LogitsOutput(g, last);
        return g;
    }

    /// <summary>
    /// Declares a decoder graph's inputs: <c>input_ids</c> embedded in the graph (<paramref name="tokenIdsInput"/>),
    /// <c>inputs_embeds</c> (first stage) or <c>hidden_states</c>; <c>attention_mask</c>, <c>position_ids</c>, and the
    /// past key and value of layers <paramref name="firstLayer"/>..<paramref name="endLayer"/>-1 (indexed by layer).
    /// </summary>
    private (string Hidden, string Mask, string Positions, string[] PastKeys, string[] PastValues) DecoderInputs(OnnxGraph g, int firstLayer, int endLayer, bool tokenIdsInput)
    {
        var t = _config.Text;
        var x = tokenIdsInput
            ? g.Gather(_weights.Add(g, _weights.Text("embed_tokens.weight"), new long[] { t.VocabSize, t.HiddenSize }), g.Input("input_ids", OnnxDataType.Int64, "batch", "sequence"), 0)
            : g.Input(firstLayer == 0 ? "inputs_embeds" : "hidden_states", OnnxDataType.Float, "batch", "sequence", (long)t.HiddenSize);
        var mask = g.Input("attention_mask", OnnxDataType.Int64, "batch", "total_sequence");
        var positions = g.Input("position_ids", OnnxDataType.Int64, "batch", "sequence");
        var pastKeys = new string[t.Layers];
        var pastValues = new string[t.Layers];
        for (var l = firstLayer; l < endLayer; l++)
        {
            pastKeys[l] = g.Input(PastKey(l), OnnxDataType.Float, "batch", (long)t.KvHeads, "past_sequence", (long)t.HeadDim);
            pastValues[l] = g.Input(PastValue(l), OnnxDataType.Float, "batch", (long)t.KvHeads, "past_sequence", (long)t.HeadDim);
        }

        return (x, mask, positions, pastKeys, pastValues);
    }

    /// <summary>Projects the normalized last-position hidden state to the <c>logits</c> output (the LM head, or the tied embedding).</summary>
    private void LogitsOutput(OnnxGraph g, string lastHidden)
    {
        var t = _config.Text;
        var headName = t.TieWordEmbeddings || !_weights.Has(_weights.LmHead) ? _weights.Text("embed_tokens.weight") : _weights.LmHead;
        var logits = g.MatMul(lastHidden, _weights.Add(g, headName, new long[] { t.VocabSize, t.HiddenSize }, transpose: true));
        g.Output("logits", logits, OnnxDataType.Float, "batch", 1L, (long)t.VocabSize);
    }

    private static string ApplyRope(OnnxGraph g, string x, string cos, string sin, int headDim)
    {
        var half = headDim / 2;
        var x1 = g.Slice(x, 0, half, 3);
        var x2 = g.Slice(x, half, headDim, 3);
        var rotated = g.Concat(3, g.Neg(x2), x1);
        return g.Add(g.Mul(x, cos), g.Mul(rotated, sin));
    }

    private static string Activation(OnnxGraph g, string x, string kind) => kind switch
    {
        "quick_gelu" => g.Mul(x, g.Sigmoid(g.Mul(x, g.ScalarFloat(1.702f)))),
        "gelu" => g.Mul(g.Mul(x, g.ScalarFloat(0.5f)), g.Add(g.Op("Erf", new[] { g.Mul(x, g.ScalarFloat((float)(1.0 / Math.Sqrt(2.0)))) }), g.ScalarFloat(1f))),
        "gelu_tanh" => GeluTanh(g, x),
        "silu" => g.Mul(x, g.Sigmoid(x)),
        "relu" => g.Op("Relu", new[] { x }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };

    private static string GeluTanh(OnnxGraph g, string x)
    {
        var cube = g.Mul(g.Mul(x, x), x);
        var inner = g.Mul(g.Add(x, g.Mul(cube, g.ScalarFloat(0.044715f))), g.ScalarFloat((float)Math.Sqrt(2.0 / Math.PI)));
        return g.Mul(g.Mul(x, g.ScalarFloat(0.5f)), g.Add(g.Op("Tanh", new[] { inner }), g.ScalarFloat(1f)));
    }

    private string Linear(OnnxGraph g, string x, string prefix, int inFeatures, int outFeatures, bool bias, bool quantizable = false)
    {
        string y;
        if (quantizable && _quantization is { } q)
        {
            var (qw, scales, zeros) = _weights.AddQuantized(g, prefix + ".weight", outFeatures, inFeatures, q);
            y = g.DomainOpN(
                OnnxGraph.MicrosoftDomain,
                "MatMulNBits",
                new[] { x, qw, scales, zeros },
                1,
                OnnxAttribute.Int("K", inFeatures),
                OnnxAttribute.Int("N", outFeatures),
                OnnxAttribute.Int("bits", q.Bits),
                OnnxAttribute.Int("block_size", q.BlockSize),
                OnnxAttribute.Int("accuracy_level", q.AccuracyLevel))[0];
        }
        else
        {
            y = g.MatMul(x, _weights.Add(g, prefix + ".weight", new long[] { outFeatures, inFeatures }, transpose: true));
        }

        return bias ? g.Add(y, _weights.Add(g, prefix + ".bias", new long[] { outFeatures })) : y;
    }

    private string LayerNorm(OnnxGraph g, string x, string prefix, int width, double eps)
    {
        var w = _weights.Add(g, prefix + ".weight", new long[] { width });
        var b = _weights.Add(g, prefix + ".bias", new long[] { width });
        return g.Op("LayerNormalization", new[] { x, w, b }, OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", (float)eps));
    }

    private string RmsNorm(OnnxGraph g, string x, string weightName, int width, double eps)
    {
        var w = _weights.Add(g, weightName, new long[] { width });
        var meanSquare = g.ReduceMean(g.Mul(x, x), -1, keepDims: true);
        var inv = g.Op("Reciprocal", new[] { g.Op("Sqrt", new[] { g.Add(meanSquare, g.ScalarFloat((float)eps)) }) });
        return g.Mul(g.Mul(x, inv), w);
    }
}
