using System;
using System.Globalization;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Packaging;

namespace LocalModel.Builder.Text;

/// <summary>The fused decoder flavour: the decoder written with ONNX Runtime's contrib attention and norm kernels.</summary>
internal sealed partial class TextDecoderGraphWriter
{
    /// <summary>
    /// The decoder with the same inputs and outputs as <see cref="Decoder"/>, built from ONNX Runtime's <c>com.microsoft</c>
    /// kernels: <c>RotaryEmbedding</c> over the explicit <c>position_ids</c> (so kept tokens can keep original positions
    /// with gaps), <c>GroupQueryAttention</c> (causal, grouped KV heads, the cache appended in place; the padding of a
    /// batch row is masked through <c>attention_bias</c>) and <c>SkipSimplifiedLayerNormalization</c> (residual add and
    /// RMSNorm in one kernel). When the runtime binds one buffer as both past and present (shape
    /// <c>[batch, kv_heads, capacity, head_dim]</c>), the kernel writes only the new positions. It cannot output
    /// attention probabilities, so the staged graphs FastV and PyramidDrop score with stay standard.
    /// </summary>
    public OnnxGraph FusedDecoder(bool tokenIdsInput = false)
    {
        var t = _text;
        RequireFusable(t);
        var g = new OnnxGraph(tokenIdsInput ? "text_decoder" : "decoder");
        g.Metadata[GraphMetadata.NumLayers] = t.Layers.ToString(CultureInfo.InvariantCulture);
        g.Metadata["decoder_flavour"] = "fused";
        var hidden = t.HiddenSize;
        var hd = t.HeadDim;
        var (x, mask, positions, pastKeys, pastValues) = DecoderInputs(g, 0, t.Layers, tokenIdsInput);

        var (cosCache, sinCache) = RotaryCaches(g, t);

        // GroupQueryAttention's lengths: every row of a batch is right-aligned to the same total (a shorter request is
        // left-padded), so each row's last valid key is total - 1; the padding itself is masked by the bias.
        var totalI64 = g.Dim(mask, 1);
        var batch = g.Dim(mask, 0);
        var total = g.Cast(g.Squeeze(totalI64, 0), OnnxDataType.Int32);
        var seqlens = g.Op("Expand", new[] { g.Cast(g.Sub(totalI64, g.ConstInt64(1)), OnnxDataType.Int32), batch });
        var biasShape = g.Concat(0, batch, g.ConstInt64(1), g.Dim(positions, 1), totalI64);
        var padding = g.Op("Where", new[] { g.Cast(mask, OnnxDataType.Bool), g.ScalarFloat(0f), g.ScalarFloat(GraphLayers.MaskedScore) });
        var bias = g.Op("Expand", new[] { g.Unsqueeze(padding, 1, 2), biasShape });

        var eps = (float)t.RmsNormEps;
        string residual = x;
        string h = g.Op("SimplifiedLayerNormalization", new[] { x, _weights.Add(g, _weights.Text("layers.0.input_layernorm.weight"), new long[] { hidden }) }, OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", eps));
        for (var l = 0; l < t.Layers; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"layers.{l}.");
            var q = Rotary(g, _layers.Linear(g, h, _weights.Text(p + "self_attn.q_proj"), hidden, t.Heads * hd, bias: t.AttentionBias, quantizable: true), positions, cosCache, sinCache);
            var k = Rotary(g, _layers.Linear(g, h, _weights.Text(p + "self_attn.k_proj"), hidden, t.KvHeads * hd, bias: t.AttentionBias, quantizable: true), positions, cosCache, sinCache);
            var v = _layers.Linear(g, h, _weights.Text(p + "self_attn.v_proj"), hidden, t.KvHeads * hd, bias: t.AttentionBias, quantizable: true);
            var attention = g.DomainOpN(
                OnnxGraph.MicrosoftDomain,
                "GroupQueryAttention",
                new[] { q, k, v, pastKeys[l], pastValues[l], seqlens, total, string.Empty, string.Empty, string.Empty, bias },
                3,
                OnnxAttribute.Int("num_heads", t.Heads),
                OnnxAttribute.Int("kv_num_heads", t.KvHeads),
                OnnxAttribute.Float("scale", (float)(1.0 / Math.Sqrt(hd))));
            g.Output(PresentKey(l), attention[1], OnnxDataType.Float, "batch", (long)t.KvHeads, "total_sequence", (long)hd);
            g.Output(PresentValue(l), attention[2], OnnxDataType.Float, "batch", (long)t.KvHeads, "total_sequence", (long)hd);
            var o = _layers.Linear(g, attention[0], _weights.Text(p + "self_attn.o_proj"), t.Heads * hd, hidden, bias: false, quantizable: true);
            (h, residual) = SkipRmsNorm(g, o, residual, _weights.Text(p + "post_attention_layernorm.weight"), hidden, eps);
            var gate = _layers.Linear(g, h, _weights.Text(p + "mlp.gate_proj"), hidden, t.IntermediateSize, bias: false, quantizable: true);
            var up = _layers.Linear(g, h, _weights.Text(p + "mlp.up_proj"), hidden, t.IntermediateSize, bias: false, quantizable: true);
            var down = _layers.Linear(g, g.Mul(g.Mul(gate, g.Sigmoid(gate)), up), _weights.Text(p + "mlp.down_proj"), t.IntermediateSize, hidden, bias: false, quantizable: true);
            if (l + 1 < t.Layers)
            {
                (h, residual) = SkipRmsNorm(g, down, residual, _weights.Text(string.Create(CultureInfo.InvariantCulture, $"layers.{l + 1}.input_layernorm.weight")), hidden, eps);
            }
            else
            {
                // Logits for the last position only: add, normalize and project just that row.
                (h, _) = SkipRmsNorm(g, g.Slice(down, -1, long.MaxValue, 1), g.Slice(residual, -1, long.MaxValue, 1), _weights.Text("norm.weight"), hidden, eps);
            }
        }

        LogitsOutput(g, h);
        return g;
    }

    /// <summary>Throws when the decoder's shape is outside what the contrib kernels accept.</summary>
    private static void RequireFusable(LlavaConfig.TextSettings t)
    {
        if (t.MropeSection is not null)
        {
            throw new ArgumentException("The fused decoder flavour takes one position stream (RotaryEmbedding); this checkpoint's decoder uses M-RoPE over three. Build with the standard decoder flavour.");
        }

        if (t.HeadDim % 16 != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The fused decoder needs a head size that is a multiple of 16 (GroupQueryAttention and RotaryEmbedding); this checkpoint's is {t.HeadDim} (hidden {t.HiddenSize} / {t.Heads} heads). Build with the standard decoder flavour."));
        }

        if (t.Heads % t.KvHeads != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The fused decoder needs the {t.Heads} attention heads to be a multiple of the {t.KvHeads} KV heads."));
        }
    }

    private static (string Cos, string Sin) RotaryCaches(OnnxGraph g, LlavaConfig.TextSettings t)
    {
        // HF LlamaRotaryEmbedding: angle(p, i) = p * theta^(-2i/d) for i < d/2; RotaryEmbedding takes the half-width tables.
        var half = t.HeadDim / 2;
        var cos = new float[(long)t.ContextLength * half];
        var sin = new float[cos.Length];
        for (var p = 0; p < t.ContextLength; p++)
        {
            for (var i = 0; i < half; i++)
            {
                var angle = p * (1.0 / Math.Pow(t.RopeTheta, 2.0 * i / t.HeadDim));
                cos[(p * half) + i] = (float)Math.Cos(angle);
                sin[(p * half) + i] = (float)Math.Sin(angle);
            }
        }

        var dims = new long[] { t.ContextLength, half };
        return (g.Weight("rotary.cos_cache", TensorSource.FromFloat(cos, dims)), g.Weight("rotary.sin_cache", TensorSource.FromFloat(sin, dims)));
    }

    private static string Rotary(OnnxGraph g, string x, string positions, string cos, string sin) =>
        g.DomainOpN(OnnxGraph.MicrosoftDomain, "RotaryEmbedding", new[] { x, positions, cos, sin }, 1, OnnxAttribute.Int("interleaved", 0))[0];

    private (string Normed, string Sum) SkipRmsNorm(OnnxGraph g, string x, string skip, string weightName, int width, float eps)
    {
        var w = _weights.Add(g, weightName, new long[] { width });
        var outputs = g.DomainOpN(OnnxGraph.MicrosoftDomain, "SkipSimplifiedLayerNormalization", new[] { x, skip, w }, 4, OnnxAttribute.Float("epsilon", eps));
        return (outputs[0], outputs[3]);
    }
}
