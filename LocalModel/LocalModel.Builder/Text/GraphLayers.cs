using System;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Quantization;

namespace LocalModel.Builder.Text;

/// <summary>
/// The layers every family's graphs are made of, written with standard ONNX operators over checkpoint weights: linear
/// (optionally block-quantized as <c>MatMulNBits</c>), LayerNorm, RMSNorm and the activations HuggingFace names.
/// </summary>
internal sealed class GraphLayers
{
    /// <summary>Additive mask value for disallowed attention positions.</summary>
    public const float MaskedScore = -1e9f;

    private readonly WeightQuantization? _quantization;

    /// <param name="weights">The checkpoint's tensors.</param>
    /// <param name="quantization">When set, linear layers marked quantizable become <c>MatMulNBits</c>.</param>
    public GraphLayers(CheckpointWeights weights, WeightQuantization? quantization)
    {
        Weights = weights;
        _quantization = quantization;
    }

    /// <summary>Gets the checkpoint's tensors.</summary>
    public CheckpointWeights Weights { get; }

    /// <summary>
    /// <c>x W^T (+ b)</c> for the checkpoint's <c>{prefix}.weight</c> (<c>[out, in]</c>) and <c>{prefix}.bias</c>; with
    /// <paramref name="quantizable"/> and a quantization set, the weight is block-quantized into <c>MatMulNBits</c>.
    /// </summary>
    public string Linear(OnnxGraph g, string x, string prefix, int inFeatures, int outFeatures, bool bias, bool quantizable = false)
    {
        string y;
        if (quantizable && _quantization is { } q)
        {
            var (qw, scales, zeros) = Weights.AddQuantized(g, prefix + ".weight", outFeatures, inFeatures, q);
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
            y = g.MatMul(x, Weights.Add(g, prefix + ".weight", new long[] { outFeatures, inFeatures }, transpose: true));
        }

        return bias ? g.Add(y, Weights.Add(g, prefix + ".bias", new long[] { outFeatures })) : y;
    }

    /// <summary>LayerNorm over the last axis with <c>{prefix}.weight</c> and <c>{prefix}.bias</c>.</summary>
    public string LayerNorm(OnnxGraph g, string x, string prefix, int width, double eps)
    {
        var w = Weights.Add(g, prefix + ".weight", new long[] { width });
        var b = Weights.Add(g, prefix + ".bias", new long[] { width });
        return g.Op("LayerNormalization", new[] { x, w, b }, OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", (float)eps));
    }

    /// <summary>RMSNorm (HF <c>LlamaRMSNorm</c>/<c>Qwen2RMSNorm</c>): <c>x / sqrt(mean(x^2) + eps) * w</c>.</summary>
    public string RmsNorm(OnnxGraph g, string x, string weightName, int width, double eps)
    {
        var w = Weights.Add(g, weightName, new long[] { width });
        var meanSquare = g.ReduceMean(g.Mul(x, x), -1, keepDims: true);
        var inv = g.Op("Reciprocal", new[] { g.Op("Sqrt", new[] { g.Add(meanSquare, g.ScalarFloat((float)eps)) }) });
        return g.Mul(g.Mul(x, inv), w);
    }

    /// <summary>Applies an activation by the kind <see cref="LlavaConfig.ActivationKind"/> maps HF names to.</summary>
    public static string Activation(OnnxGraph g, string x, string kind) => kind switch
    {
        "quick_gelu" => g.Mul(x, g.Sigmoid(g.Mul(x, g.ScalarFloat(1.702f)))),
        "gelu" => g.Mul(g.Mul(x, g.ScalarFloat(0.5f)), g.Add(g.Op("Erf", new[] { g.Mul(x, g.ScalarFloat((float)(1.0 / Math.Sqrt(2.0)))) }), g.ScalarFloat(1f))),
        "gelu_tanh" => GeluTanh(g, x),
        "silu" => g.Mul(x, g.Sigmoid(x)),
        "relu" => g.Op("Relu", new[] { x }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };

    /// <summary>Rotates <paramref name="x"/> (last axis of <paramref name="headDim"/>) by the rotate-half RoPE convention: <c>x cos + rotate_half(x) sin</c>.</summary>
    public static string RotateHalf(OnnxGraph g, string x, string cos, string sin, int headDim, long axis)
    {
        var half = headDim / 2;
        var x1 = g.Slice(x, 0, half, axis);
        var x2 = g.Slice(x, half, headDim, axis);
        var rotated = g.Concat(axis, g.Neg(x2), x1);
        return g.Add(g.Mul(x, cos), g.Mul(rotated, sin));
    }

    private static string GeluTanh(OnnxGraph g, string x)
    {
        var cube = g.Mul(g.Mul(x, x), x);
        var inner = g.Mul(g.Add(x, g.Mul(cube, g.ScalarFloat(0.044715f))), g.ScalarFloat((float)Math.Sqrt(2.0 / Math.PI)));
        return g.Mul(g.Mul(x, g.ScalarFloat(0.5f)), g.Add(g.Op("Tanh", new[] { inner }), g.ScalarFloat(1f)));
    }
}
