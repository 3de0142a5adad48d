using System;
using System.Collections.Generic;
using System.Globalization;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Quantization;
using LocalModel.Builder.Text;
using LocalModel.Packaging;

namespace LocalModel.Builder.Llava;

/// <summary>
/// Writes the LLaVA graphs with standard ONNX operators (opset 17): the CLIP vision encoder (with explicit [CLS]
/// attention rows) and the <c>mlp2x_gelu</c> projector; the token embedding and the Llama decoder come from
/// <see cref="Text"/>. Semantics follow HuggingFace <c>CLIPVisionModel</c> and <c>LlavaMultiModalProjector</c>.
/// </summary>
internal sealed class LlavaGraphWriter
{
    private readonly LlavaConfig _config;
    private readonly CheckpointWeights _weights;
    private readonly GraphLayers _layers;

    /// <param name="config">The checkpoint's configuration.</param>
    /// <param name="weights">The checkpoint's tensors.</param>
    /// <param name="quantization">When set, the projector's and the decoder's linear layers become <c>MatMulNBits</c>; the vision encoder, the embedding and the LM head keep the storage type.</param>
    public LlavaGraphWriter(LlavaConfig config, CheckpointWeights weights, WeightQuantization? quantization = null)
    {
        _config = config;
        _weights = weights;
        _layers = new GraphLayers(weights, quantization);
        Text = new TextDecoderGraphWriter(config.Text, _layers);
    }

    /// <summary>Gets the writer of the token embedding and the Llama decoder graphs.</summary>
    public TextDecoderGraphWriter Text { get; }

    public static string ClsAttentionOutputName(int layer) => string.Create(CultureInfo.InvariantCulture, $"cls_attention.{layer}");

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
        x = _layers.LayerNorm(g, x, _weights.Vision("pre_layrnorm"), c, v.LayerNormEps);

        var heads = v.Heads;
        var headDim = c / heads;
        var scale = g.ScalarFloat((float)Math.Pow(headDim, -0.5));
        var act = LlavaConfig.ActivationKind(v.Activation, "config.json", "vision_config.hidden_act");
        for (var l = 0; l < _config.FeatureLayerCount; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"encoder.layers.{l}.");
            var h = _layers.LayerNorm(g, x, _weights.Vision(p + "layer_norm1"), c, v.LayerNormEps);
            var q = g.Mul(_layers.Linear(g, h, _weights.Vision(p + "self_attn.q_proj"), c, c, bias: true), scale);
            var k = _layers.Linear(g, h, _weights.Vision(p + "self_attn.k_proj"), c, c, bias: true);
            var val = _layers.Linear(g, h, _weights.Vision(p + "self_attn.v_proj"), c, c, bias: true);
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
            x = g.Add(x, _layers.Linear(g, ctx, _weights.Vision(p + "self_attn.out_proj"), c, c, bias: true));
            h = _layers.LayerNorm(g, x, _weights.Vision(p + "layer_norm2"), c, v.LayerNormEps);
            var m = GraphLayers.Activation(g, _layers.Linear(g, h, _weights.Vision(p + "mlp.fc1"), c, v.IntermediateSize, bias: true), act);
            x = g.Add(x, _layers.Linear(g, m, _weights.Vision(p + "mlp.fc2"), v.IntermediateSize, c, bias: true));
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
        var y = GraphLayers.Activation(g, _layers.Linear(g, f, _weights.Projector("linear_1"), c, h, bias: true, quantizable: true), act);
        y = _layers.Linear(g, y, _weights.Projector("linear_2"), h, h, bias: true, quantizable: true);
        g.Output("image_features", y, OnnxDataType.Float, "batch", "tokens", (long)h);
        return g;
    }
}
