using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalModel.Builder.Safetensors;

namespace LocalModel.Builder;

/// <summary>
/// Writes a llava-hf checkpoint with seeded random weights at a chosen size, for benchmarks that need a model
/// bigger than the committed fixture (e.g. 576 visual tokens per image, or a decoder where compute dominates).
/// The output is a normal checkpoint folder that <see cref="LlavaPackageBuilder"/> builds like any other.
/// </summary>
public static class SyntheticLlavaCheckpoint
{
    /// <summary>
    /// Gets the preset names: <c>tiny576</c> (336 px / patch 14 = 576 visual tokens, small decoder), <c>small</c> (same
    /// vision, 12-layer 768-wide decoder, 75M decoder parameters) and <c>medium</c> (same vision, 24-layer 1024-wide
    /// decoder with 16 heads, 4 KV heads and a 5632-wide MLP: 478M decoder parameters, about 1.9 GB in fp32, the size
    /// where decoding is bound by memory bandwidth).
    /// </summary>
    public static IReadOnlyList<string> Presets { get; } = new[] { "tiny576", "small", "medium" };

    /// <summary>Writes the checkpoint into <paramref name="outputDirectory"/>, copying tokenizer files from <paramref name="tokenizerDirectory"/> (vocabulary size must be 514 or less).</summary>
    /// <exception cref="ArgumentException">The preset is unknown.</exception>
    public static void Write(string outputDirectory, string preset, string tokenizerDirectory, int seed = 1234)
    {
        var (visionHidden, visionLayers, textHidden, textLayers, heads, kvHeads, inter) = preset switch
        {
            "tiny576" => (64, 3, 256, 4, 4, 2, 688),
            "small" => (128, 4, 768, 12, 12, 4, 2048),
            "medium" => (128, 4, 1024, 24, 16, 4, 5632),
            _ => throw new ArgumentException($"Unknown preset '{preset}' ({string.Join(", ", Presets)}).", nameof(preset)),
        };
        const int Vocab = 514;
        const int ImageSize = 336;
        const int Patch = 14;
        Directory.CreateDirectory(outputDirectory);
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlavaForConditionalGeneration"),
            ["model_type"] = "llava",
            ["image_token_index"] = 512,
            ["pad_token_id"] = 513,
            ["projector_hidden_act"] = "gelu",
            ["vision_feature_layer"] = -2,
            ["vision_feature_select_strategy"] = "default",
            ["tie_word_embeddings"] = false,
            ["vocab_size"] = Vocab,
            ["text_config"] = new JsonObject
            {
                ["model_type"] = "llama",
                ["hidden_size"] = textHidden,
                ["intermediate_size"] = inter,
                ["num_hidden_layers"] = textLayers,
                ["num_attention_heads"] = heads,
                ["num_key_value_heads"] = kvHeads,
                ["rms_norm_eps"] = 1e-6,
                ["rope_theta"] = 10000.0,
                ["max_position_embeddings"] = 2048,
                ["vocab_size"] = Vocab,
                ["bos_token_id"] = 1,
                ["eos_token_id"] = 2,
            },
            ["vision_config"] = new JsonObject
            {
                ["model_type"] = "clip_vision_model",
                ["hidden_size"] = visionHidden,
                ["intermediate_size"] = visionHidden * 4,
                ["num_hidden_layers"] = visionLayers,
                ["num_attention_heads"] = 4,
                ["image_size"] = ImageSize,
                ["patch_size"] = Patch,
                ["hidden_act"] = "quick_gelu",
            },
            ["synthetic"] = string.Create(CultureInfo.InvariantCulture, $"preset {preset}, seed {seed}: random weights for benchmarks"),
        };
        File.WriteAllText(Path.Combine(outputDirectory, "config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(outputDirectory, "preprocessor_config.json"), """
            {"crop_size":{"height":336,"width":336},"do_center_crop":true,"do_normalize":true,"do_rescale":true,"do_resize":true,
             "image_mean":[0.48145466,0.4578275,0.40821073],"image_std":[0.26862954,0.26130258,0.27577711],
             "resample":3,"rescale_factor":0.00392156862745098,"size":{"shortest_edge":336}}
            """);
        foreach (var f in new[] { "tokenizer.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json" })
        {
            var source = Path.Combine(tokenizerDirectory, f);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(outputDirectory, f), overwrite: true);
            }
        }

        var random = new Random(seed);
        Func<float[]> Normal(long count, float std) => SyntheticWeights.Normal(random, count, std);
        Func<float[]> Ones(long count) => SyntheticWeights.Ones(count);
        Func<float[]> Zeros(long count) => SyntheticWeights.Zeros(count);
        var tensors = new List<(string, long[], Func<float[]>)>();
        void Add(string name, long[] shape, Func<long, Func<float[]>> make) => tensors.Add((name, shape, make(shape.Aggregate(1L, (a, b) => a * b))));
        Func<long, Func<float[]>> W(float std) => n => Normal(n, std);

        var v = "vision_tower.vision_model.";
        var n = (ImageSize / Patch) * (ImageSize / Patch);
        Add(v + "embeddings.patch_embedding.weight", new long[] { visionHidden, 3, Patch, Patch }, W(0.02f));
        Add(v + "embeddings.class_embedding", new long[] { visionHidden }, W(0.02f));
        Add(v + "embeddings.position_embedding.weight", new long[] { n + 1, visionHidden }, W(0.02f));
        Add(v + "pre_layrnorm.weight", new long[] { visionHidden }, Ones);
        Add(v + "pre_layrnorm.bias", new long[] { visionHidden }, Zeros);
        for (var l = 0; l < visionLayers; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"{v}encoder.layers.{l}.");
            foreach (var proj in new[] { "q_proj", "k_proj", "v_proj", "out_proj" })
            {
                Add(p + "self_attn." + proj + ".weight", new long[] { visionHidden, visionHidden }, W(0.05f));
                Add(p + "self_attn." + proj + ".bias", new long[] { visionHidden }, Zeros);
            }

            Add(p + "layer_norm1.weight", new long[] { visionHidden }, Ones);
            Add(p + "layer_norm1.bias", new long[] { visionHidden }, Zeros);
            Add(p + "layer_norm2.weight", new long[] { visionHidden }, Ones);
            Add(p + "layer_norm2.bias", new long[] { visionHidden }, Zeros);
            Add(p + "mlp.fc1.weight", new long[] { visionHidden * 4, visionHidden }, W(0.05f));
            Add(p + "mlp.fc1.bias", new long[] { visionHidden * 4 }, Zeros);
            Add(p + "mlp.fc2.weight", new long[] { visionHidden, visionHidden * 4 }, W(0.05f));
            Add(p + "mlp.fc2.bias", new long[] { visionHidden }, Zeros);
        }

        Add(v + "post_layernorm.weight", new long[] { visionHidden }, Ones);
        Add(v + "post_layernorm.bias", new long[] { visionHidden }, Zeros);
        Add("multi_modal_projector.linear_1.weight", new long[] { textHidden, visionHidden }, W(0.05f));
        Add("multi_modal_projector.linear_1.bias", new long[] { textHidden }, Zeros);
        Add("multi_modal_projector.linear_2.weight", new long[] { textHidden, textHidden }, W(0.05f));
        Add("multi_modal_projector.linear_2.bias", new long[] { textHidden }, Zeros);
        var t = "language_model.model.";
        var hd = textHidden / heads;
        Add(t + "embed_tokens.weight", new long[] { Vocab, textHidden }, W(0.5f));
        for (var l = 0; l < textLayers; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"{t}layers.{l}.");
            Add(p + "self_attn.q_proj.weight", new long[] { heads * hd, textHidden }, W(0.05f));
            Add(p + "self_attn.k_proj.weight", new long[] { kvHeads * hd, textHidden }, W(0.05f));
            Add(p + "self_attn.v_proj.weight", new long[] { kvHeads * hd, textHidden }, W(0.05f));
            Add(p + "self_attn.o_proj.weight", new long[] { textHidden, heads * hd }, W(0.05f));
            Add(p + "mlp.gate_proj.weight", new long[] { inter, textHidden }, W(0.05f));
            Add(p + "mlp.up_proj.weight", new long[] { inter, textHidden }, W(0.05f));
            Add(p + "mlp.down_proj.weight", new long[] { textHidden, inter }, W(0.05f));
            Add(p + "input_layernorm.weight", new long[] { textHidden }, Ones);
            Add(p + "post_attention_layernorm.weight", new long[] { textHidden }, Ones);
        }

        Add(t + "norm.weight", new long[] { textHidden }, Ones);
        Add("language_model.lm_head.weight", new long[] { Vocab, textHidden }, W(0.1f));
        SafetensorsWriter.Write(Path.Combine(outputDirectory, "model.safetensors"), tensors);
    }
}
