using System;
using System.Globalization;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Packaging;

namespace LocalModel.Builder.Text;

/// <summary>
/// Writes the text side of a package with standard ONNX operators (opset 17): the token embedding and the decoder
/// (whole, or in stages) with a key/value cache. One writer serves the Llama decoder of LLaVA and the Qwen2 decoder of
/// Qwen2.5-VL: <see cref="LlavaConfig.TextSettings.AttentionBias"/> adds the q/k/v biases, and
/// <see cref="LlavaConfig.TextSettings.MropeSection"/> switches RoPE to M-RoPE over explicit
/// <c>[3, batch, seq]</c> positions. Semantics follow HuggingFace <c>LlamaModel</c> and <c>Qwen2_5_VLTextModel</c>.
/// </summary>
internal sealed partial class TextDecoderGraphWriter
{
    private readonly LlavaConfig.TextSettings _text;
    private readonly GraphLayers _layers;
    private readonly CheckpointWeights _weights;

    /// <param name="text">The decoder's settings.</param>
    /// <param name="layers">The layer writer over the checkpoint's tensors (and the quantization, if any).</param>
    public TextDecoderGraphWriter(LlavaConfig.TextSettings text, GraphLayers layers)
    {
        _text = text;
        _layers = layers;
        _weights = layers.Weights;
    }

    /// <summary>Gets the number of position streams the decoder's <c>position_ids</c> carry: 3 with M-RoPE, else 1.</summary>
    public int PositionStreams => _text.MropeSection is null ? 1 : 3;

    public static string PastKey(int layer) => string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.key");

    public static string PastValue(int layer) => string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.value");

    public static string PresentKey(int layer) => string.Create(CultureInfo.InvariantCulture, $"present.{layer}.key");

    public static string PresentValue(int layer) => string.Create(CultureInfo.InvariantCulture, $"present.{layer}.value");

    /// <summary>The token embedding lookup.</summary>
    public OnnxGraph EmbedTokens()
    {
        var g = new OnnxGraph("embed_tokens");
        var t = _text;
        var ids = g.Input("input_ids", OnnxDataType.Int64, "batch", "sequence");
        var table = _weights.Add(g, _weights.Text("embed_tokens.weight"), new long[] { t.VocabSize, t.HiddenSize });
        g.Output("inputs_embeds", g.Gather(table, ids, 0), OnnxDataType.Float, "batch", "sequence", (long)t.HiddenSize);
        return g;
    }

    /// <summary>
    /// The decoder over <c>inputs_embeds</c> with explicit <c>position_ids</c>, a causal mask combined with
    /// <c>attention_mask</c> over past+current positions, grouped KV heads and a cache in
    /// <c>[batch, kv_heads, seq, head_dim]</c>. Logits are computed for the last position only.
    /// With <paramref name="tokenIdsInput"/> the graph takes <c>input_ids</c> and embeds them itself (the text-only
    /// decoder ONNX Runtime GenAI runs).
    /// </summary>
    public OnnxGraph Decoder(bool tokenIdsInput = false) => DecoderStage(0, _text.Layers, tokenIdsInput ? "text_decoder" : "decoder", tokenIdsInput);

    /// <summary>
    /// One stage of the decoder: layers <paramref name="firstLayer"/>..<paramref name="endLayer"/>-1. The first stage
    /// takes <c>inputs_embeds</c>, later ones <c>hidden_states</c>; the last stage ends in the final norm and logits,
    /// earlier ones output <c>hidden_states</c> and <c>last_query_attention</c>: the attention probabilities of the
    /// last input position over all keys at the stage's last layer, averaged over heads (FastV / PyramidDrop score).
    /// </summary>
    public OnnxGraph DecoderStage(int firstLayer, int endLayer, string name, bool tokenIdsInput = false)
    {
        var t = _text;
        var g = new OnnxGraph(name);
        g.Metadata[GraphMetadata.NumLayers] = (endLayer - firstLayer).ToString(CultureInfo.InvariantCulture);
        var hidden = t.HiddenSize;
        var hd = t.HeadDim;
        var groups = t.Heads / t.KvHeads;
        var isLast = endLayer == t.Layers;
        var (x, mask, positions, pastKeys, pastValues) = DecoderInputs(g, firstLayer, endLayer, tokenIdsInput);
        var (cos, sin) = RopeTables(g, positions);

        // Causal mask over slots: query i (slot total-seq+i) sees key j when j <= its slot and attention_mask[j] == 1.
        var total = g.Squeeze(g.Dim(mask, 1), 0);
        var seq = g.Squeeze(g.Dim(positions, PositionStreams == 1 ? 1 : 2), 0);
        var one = g.ScalarInt64(1);
        var keySlots = g.Op("Range", new[] { g.ScalarInt64(0), total, one });
        var querySlots = g.Op("Range", new[] { g.Sub(total, seq), total, one });
        var causal = g.Op("LessOrEqual", new[] { g.Unsqueeze(keySlots, 0), g.Unsqueeze(querySlots, 1) });
        var padding = g.Unsqueeze(g.Cast(mask, OnnxDataType.Bool), 1, 2);
        var allowed = g.Op("And", new[] { g.Unsqueeze(causal, 0, 1), padding });
        var bias = g.Op("Where", new[] { allowed, g.ScalarFloat(0f), g.ScalarFloat(GraphLayers.MaskedScore) });
        var scale = g.ScalarFloat((float)(1.0 / Math.Sqrt(hd)));
        var scoresShape = g.Concat(0, g.ConstInt64(0, t.Heads, -1), g.Dim(mask, 1));

        for (var l = firstLayer; l < endLayer; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"layers.{l}.");
            var h = _layers.RmsNorm(g, x, _weights.Text(p + "input_layernorm.weight"), hidden, t.RmsNormEps);
            var q = g.Transpose(g.Reshape(_layers.Linear(g, h, _weights.Text(p + "self_attn.q_proj"), hidden, t.Heads * hd, bias: t.AttentionBias, quantizable: true), 0, 0, t.Heads, hd), 0, 2, 1, 3);
            var k = g.Transpose(g.Reshape(_layers.Linear(g, h, _weights.Text(p + "self_attn.k_proj"), hidden, t.KvHeads * hd, bias: t.AttentionBias, quantizable: true), 0, 0, t.KvHeads, hd), 0, 2, 1, 3);
            var v = g.Transpose(g.Reshape(_layers.Linear(g, h, _weights.Text(p + "self_attn.v_proj"), hidden, t.KvHeads * hd, bias: t.AttentionBias, quantizable: true), 0, 0, t.KvHeads, hd), 0, 2, 1, 3);
            q = GraphLayers.RotateHalf(g, q, cos, sin, hd, 3);
            k = GraphLayers.RotateHalf(g, k, cos, sin, hd, 3);
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
            x = g.Add(x, _layers.Linear(g, ctx, _weights.Text(p + "self_attn.o_proj"), t.Heads * hd, hidden, bias: false, quantizable: true));
            h = _layers.RmsNorm(g, x, _weights.Text(p + "post_attention_layernorm.weight"), hidden, t.RmsNormEps);
            var gate = _layers.Linear(g, h, _weights.Text(p + "mlp.gate_proj"), hidden, t.IntermediateSize, bias: false, quantizable: true);
            var up = _layers.Linear(g, h, _weights.Text(p + "mlp.up_proj"), hidden, t.IntermediateSize, bias: false, quantizable: true);
            var act = g.Mul(g.Mul(gate, g.Sigmoid(gate)), up);
            x = g.Add(x, _layers.Linear(g, act, _weights.Text(p + "mlp.down_proj"), t.IntermediateSize, hidden, bias: false, quantizable: true));
        }

        if (!isLast)
        {
            g.Output("last_hidden_state", x, OnnxDataType.Float, "batch", "sequence", (long)hidden);
            return g;
        }

        x = _layers.RmsNorm(g, x, _weights.Text("norm.weight"), hidden, t.RmsNormEps);
        var last = g.Slice(x, -1, long.MaxValue, 1);
        LogitsOutput(g, last);
        return g;
    }

    /// <summary>
    /// Declares a decoder graph's inputs: <c>input_ids</c> embedded in the graph (<paramref name="tokenIdsInput"/>),
    /// <c>inputs_embeds</c> (first stage) or <c>hidden_states</c>; <c>attention_mask</c>, <c>position_ids</c>
    /// (<c>[batch, seq]</c>, or <c>[3, batch, seq]</c> with M-RoPE), and the past key and value of layers
    /// <paramref name="firstLayer"/>..<paramref name="endLayer"/>-1 (indexed by layer).
    /// </summary>
    private (string Hidden, string Mask, string Positions, string[] PastKeys, string[] PastValues) DecoderInputs(OnnxGraph g, int firstLayer, int endLayer, bool tokenIdsInput)
    {
        var t = _text;
        var x = tokenIdsInput
            ? g.Gather(_weights.Add(g, _weights.Text("embed_tokens.weight"), new long[] { t.VocabSize, t.HiddenSize }), g.Input("input_ids", OnnxDataType.Int64, "batch", "sequence"), 0)
            : g.Input(firstLayer == 0 ? "inputs_embeds" : "hidden_states", OnnxDataType.Float, "batch", "sequence", (long)t.HiddenSize);
        var mask = g.Input("attention_mask", OnnxDataType.Int64, "batch", "total_sequence");
        var positions = PositionStreams == 1
            ? g.Input("position_ids", OnnxDataType.Int64, "batch", "sequence")
            : g.Input("position_ids", OnnxDataType.Int64, 3L, "batch", "sequence");
        var pastKeys = new string[t.Layers];
        var pastValues = new string[t.Layers];
        for (var l = firstLayer; l < endLayer; l++)
        {
            pastKeys[l] = g.Input(PastKey(l), OnnxDataType.Float, "batch", (long)t.KvHeads, "past_sequence", (long)t.HeadDim);
            pastValues[l] = g.Input(PastValue(l), OnnxDataType.Float, "batch", (long)t.KvHeads, "past_sequence", (long)t.HeadDim);
        }

        return (x, mask, positions, pastKeys, pastValues);
    }

    /// <summary>
    /// The RoPE cos and sin tables, <c>[batch, 1, seq, head_dim]</c>. Llama (HF <c>LlamaRotaryEmbedding</c>): angle(p, i)
    /// = p * theta^(-2i/d) for i &lt; d/2, duplicated over the two halves. M-RoPE (HF Qwen2.5-VL
    /// <c>apply_multimodal_rotary_pos_emb</c>): frequency i takes its position from the temporal, height or width stream
    /// by <c>mrope_section</c> (the first section's frequencies from stream 0, the next from stream 1, the rest from
    /// stream 2), the same split in both halves.
    /// </summary>
    private (string Cos, string Sin) RopeTables(OnnxGraph g, string positions)
    {
        var hd = _text.HeadDim;
        var invFreq = new float[hd / 2];
        for (var i = 0; i < invFreq.Length; i++)
        {
            invFreq[i] = (float)(1.0 / Math.Pow(_text.RopeTheta, 2.0 * i / hd));
        }

        string angles;
        if (_text.MropeSection is not { } sections)
        {
            angles = g.Mul(g.Unsqueeze(g.Cast(positions, OnnxDataType.Float), 2), g.ConstFloat(invFreq, new long[] { invFreq.Length }));
        }
        else
        {
            // One frequency row per stream, zero where another stream owns the frequency; summing over the streams
            // picks each frequency's own position exactly (the other terms are 0).
            var perStream = new float[3 * invFreq.Length];
            var start = 0;
            for (var s = 0; s < 3; s++)
            {
                for (var i = start; i < start + sections[s]; i++)
                {
                    perStream[(s * invFreq.Length) + i] = invFreq[i];
                }

                start += sections[s];
            }

            var streamAngles = g.Mul(g.Unsqueeze(g.Cast(positions, OnnxDataType.Float), 3), g.ConstFloat(perStream, new long[] { 3, 1, 1, invFreq.Length }));
            angles = g.Op("ReduceSum", new[] { streamAngles, g.ConstInt64(0) }, OnnxAttribute.Int("keepdims", 0));
        }

        var emb = g.Concat(-1, angles, angles);
        return (g.Unsqueeze(g.Op("Cos", new[] { emb }), 1), g.Unsqueeze(g.Op("Sin", new[] { emb }), 1));
    }

    /// <summary>Projects the normalized last-position hidden state to the <c>logits</c> output (the LM head, or the tied embedding).</summary>
    private void LogitsOutput(OnnxGraph g, string lastHidden)
    {
        var t = _text;
        var headName = t.TieWordEmbeddings || !_weights.Has(_weights.LmHead) ? _weights.Text("embed_tokens.weight") : _weights.LmHead;
        var logits = g.MatMul(lastHidden, _weights.Add(g, headName, new long[] { t.VocabSize, t.HiddenSize }, transpose: true));
        g.Output("logits", logits, OnnxDataType.Float, "batch", 1L, (long)t.VocabSize);
    }
}
