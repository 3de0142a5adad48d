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
/// Writes a Qwen2.5-VL checkpoint in the HuggingFace hub layout (<c>model.*</c>, <c>visual.*</c>, <c>lm_head.weight</c>,
/// text fields at the top level of <c>config.json</c>, the vision defaults omitted as the hub files do) with seeded
/// random weights at a benchmark size, shaped like the committed <c>tiny-qwen2_5_vl</c> fixture. The output is a normal
/// checkpoint folder that <see cref="ModelPackageBuilder"/> builds like any other. Thread-safe (no shared state).
/// </summary>
public static class SyntheticQwen25VlCheckpoint
{
    /// <summary>The vocabulary: 509 BPE pieces, the Qwen added tokens at 509..518, padding rows up to 527 (as the fixture).</summary>
    public const int VocabSize = 528;

    private const int Patch = 14;
    private const int TemporalPatch = 2;
    private const int MinPixels = 56 * 56;

    /// <summary>
    /// Gets the preset names: <c>qwen-small</c> (vision tower of 4 blocks, hidden 128, 4 heads, window 112 px, full
    /// attention in blocks 1 and 3; <c>max_pixels</c> 672x672, so a 672 px square image gives 48x48 patches and 576
    /// merged tokens; a 12-layer 768-wide Qwen2 decoder with 12 heads, 4 KV heads, head_dim 64, M-RoPE sections
    /// [16, 8, 8] and a 2048-wide MLP: 76M decoder parameters, like the LLaVA <c>small</c> preset).
    /// </summary>
    public static IReadOnlyList<string> Presets { get; } = new[] { "qwen-small" };

    /// <summary>Writes the checkpoint into <paramref name="outputDirectory"/>, copying the tokenizer files from <paramref name="tokenizerDirectory"/>.</summary>
    /// <param name="outputDirectory">The folder to write (created when missing; files of the same names are replaced).</param>
    /// <param name="preset">One of <see cref="Presets"/>.</param>
    /// <param name="tokenizerDirectory">
    /// A folder with a <c>tokenizer.json</c> whose added tokens are Qwen's at 509..518 (the <c>tiny-qwen2_5_vl</c>
    /// fixture's); <c>tokenizer_config.json</c> and <c>generation_config.json</c> are copied too when present.
    /// </param>
    /// <param name="seed">The seed of the random weights. Default 1234.</param>
    /// <exception cref="ArgumentException">The preset is unknown.</exception>
    /// <exception cref="InvalidDataException">The tokenizer folder has no <c>tokenizer.json</c>, or its added tokens are not Qwen's at the fixture's ids.</exception>
    public static void Write(string outputDirectory, string preset, string tokenizerDirectory, int seed = 1234) =>
        Write(outputDirectory, ForPreset(preset), tokenizerDirectory, seed);

    /// <summary>Returns the shape of <paramref name="preset"/>.</summary>
    /// <exception cref="ArgumentException">The preset is unknown.</exception>
    internal static Shape ForPreset(string preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset switch
        {
            "qwen-small" => new Shape(preset, VisionHidden: 128, VisionDepth: 4, VisionHeads: 4, VisionIntermediate: 512, FullAttentionBlocks: new[] { 1, 3 }, WindowSize: 112, TextHidden: 768, TextLayers: 12, Heads: 12, KvHeads: 4, Intermediate: 2048, MropeSection: new[] { 16, 8, 8 }, MaxPixels: 672 * 672),
            _ => throw new ArgumentException($"Unknown preset '{preset}' ({string.Join(", ", Presets)}).", nameof(preset)),
        };
    }

    /// <summary>Writes a checkpoint of any <paramref name="shape"/> (the presets, or a tiny one in tests).</summary>
    internal static void Write(string outputDirectory, Shape shape, string tokenizerDirectory, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentException.ThrowIfNullOrEmpty(tokenizerDirectory);
        var tokenizer = Path.Combine(tokenizerDirectory, "tokenizer.json");
        var tokens = CheckTokenizer(tokenizer);
        Directory.CreateDirectory(outputDirectory);
        var indented = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(outputDirectory, "config.json"), Config(shape, seed).ToJsonString(indented));
        File.WriteAllText(Path.Combine(outputDirectory, "preprocessor_config.json"), Preprocessor(shape).ToJsonString(indented));
        foreach (var f in new[] { "tokenizer.json", "tokenizer_config.json", "generation_config.json" })
        {
            var source = Path.Combine(tokenizerDirectory, f);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(outputDirectory, f), overwrite: true);
            }
        }

        SafetensorsWriter.Write(Path.Combine(outputDirectory, "model.safetensors"), Tensors(shape, tokens, new Random(seed)));
    }

    /// <summary>
    /// Checks that the tokenizer carries the fixture's Qwen added tokens, which the config's special ids name, and
    /// returns how many ids it knows (the rows above are the padded vocabulary's unused rows).
    /// </summary>
    private static int CheckTokenizer(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Tokenizer '{path}' does not exist; a synthetic Qwen2.5-VL checkpoint copies the tiny-qwen2_5_vl fixture's tokenizer.json (Qwen added tokens at 509..518).");
        }

        var added = TokenizerAddedTokens.Read(path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));

        var known = added.Keys.DefaultIfEmpty(-1).Max() + 1;
        if (doc.RootElement.TryGetProperty("model", out var model) && model.TryGetProperty("vocab", out var vocab) && vocab.ValueKind == JsonValueKind.Object)
        {
            known = Math.Max(known, vocab.EnumerateObject().Select(p => p.Value.GetInt32() + 1).DefaultIfEmpty(0).Max());
        }

        if (known > VocabSize)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Tokenizer '{path}' has ids up to {known - 1}; a synthetic Qwen2.5-VL checkpoint has a vocabulary of {VocabSize} (the tiny-qwen2_5_vl fixture's tokenizer has 519 ids)."));
        }

        foreach (var (id, content) in new[] { (509, "<|endoftext|>"), (511, "<|im_end|>"), (512, "<|vision_start|>"), (513, "<|vision_end|>"), (515, "<|image_pad|>") })
        {
            if (!added.TryGetValue(id, out var found) || found != content)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Tokenizer '{path}' has {(found is null ? "no added token" : $"'{found}'")} at id {id}; expected '{content}' (the tiny-qwen2_5_vl fixture's Qwen added tokens at 509..518)."));
            }
        }

        return known;
    }

    private static JsonObject Config(Shape s, int seed) => new()
    {
        ["architectures"] = new JsonArray("Qwen2_5_VLForConditionalGeneration"),
        ["attention_dropout"] = 0.0,
        ["bos_token_id"] = 509,
        ["eos_token_id"] = 511,
        ["hidden_act"] = "silu",
        ["hidden_size"] = s.TextHidden,
        ["image_token_id"] = 515,
        ["initializer_range"] = 0.02,
        ["intermediate_size"] = s.Intermediate,
        ["max_position_embeddings"] = 2048,
        ["max_window_layers"] = s.TextLayers,
        ["model_type"] = "qwen2_5_vl",
        ["num_attention_heads"] = s.Heads,
        ["num_hidden_layers"] = s.TextLayers,
        ["num_key_value_heads"] = s.KvHeads,
        ["rms_norm_eps"] = 1e-6,
        ["rope_scaling"] = new JsonObject { ["type"] = "mrope", ["mrope_section"] = new JsonArray(s.MropeSection.Select(x => (JsonNode)x).ToArray()) },
        ["rope_theta"] = 1000000.0,
        ["sliding_window"] = 2048,
        ["tie_word_embeddings"] = false,
        ["torch_dtype"] = "float32",
        ["use_cache"] = true,
        ["use_sliding_window"] = false,
        ["video_token_id"] = 516,

        // As on the hub: patch_size, spatial_merge_size, temporal_patch_size, in_chans and hidden_act are omitted (HF defaults).
        ["vision_config"] = new JsonObject
        {
            ["depth"] = s.VisionDepth,
            ["hidden_size"] = s.VisionHidden,
            ["intermediate_size"] = s.VisionIntermediate,
            ["num_heads"] = s.VisionHeads,
            ["out_hidden_size"] = s.TextHidden,
            ["window_size"] = s.WindowSize,
            ["fullatt_block_indexes"] = new JsonArray(s.FullAttentionBlocks.Select(x => (JsonNode)x).ToArray()),
            ["tokens_per_second"] = 2,
            ["model_type"] = "qwen2_5_vl",
        },
        ["vision_end_token_id"] = 513,
        ["vision_start_token_id"] = 512,
        ["vision_token_id"] = 514,
        ["vocab_size"] = VocabSize,
        ["synthetic"] = string.Create(CultureInfo.InvariantCulture, $"preset {s.Name}, seed {seed}: random weights for benchmarks"),
    };

    private static JsonObject Preprocessor(Shape s) => new()
    {
        ["image_processor_type"] = "Qwen2VLImageProcessor",
        ["processor_class"] = "Qwen2_5_VLProcessor",
        ["do_resize"] = true,
        ["do_rescale"] = true,
        ["rescale_factor"] = 1.0 / 255.0,
        ["do_normalize"] = true,
        ["image_mean"] = new JsonArray(0.48145466, 0.4578275, 0.40821073),
        ["image_std"] = new JsonArray(0.26862954, 0.26130258, 0.27577711),
        ["do_convert_rgb"] = true,
        ["min_pixels"] = MinPixels,
        ["max_pixels"] = s.MaxPixels,
        ["size"] = new JsonObject { ["shortest_edge"] = MinPixels, ["longest_edge"] = s.MaxPixels },
        ["patch_size"] = Patch,
        ["temporal_patch_size"] = TemporalPatch,
        ["merge_size"] = 2,
        ["resample"] = 3,
    };

    private static List<(string, long[], Func<float[]>)> Tensors(Shape s, int tokenizerIds, Random random)
    {
        Func<float[]> Normal(long count, float std) => SyntheticWeights.Normal(random, count, std);
        Func<float[]> Ones(long count) => SyntheticWeights.Ones(count);
        Func<float[]> Zeros(long count) => SyntheticWeights.Zeros(count);
        Func<long, Func<float[]>> W(float std) => n => Normal(n, std);
        var tensors = new List<(string, long[], Func<float[]>)>();
        void Add(string name, long[] shape, Func<long, Func<float[]>> make) => tensors.Add((name, shape, make(shape.Aggregate(1L, (a, b) => a * b))));

        // Scales as SyntheticLlavaCheckpoint: every linear map's gain std * sqrt(fan_in) stays near 1 (0.6..1.4 here),
        // norms are ones, biases zeros, so the residual streams stay in the range RMSNorm expects.
        var e = s.VisionHidden;
        var unit = 4L * e;
        Add("visual.patch_embed.proj.weight", new long[] { e, 3, TemporalPatch, Patch, Patch }, W(0.02f));
        for (var b = 0; b < s.VisionDepth; b++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"visual.blocks.{b}.");
            Add(p + "norm1.weight", new long[] { e }, Ones);
            Add(p + "norm2.weight", new long[] { e }, Ones);
            Add(p + "attn.qkv.weight", new long[] { 3 * e, e }, W(0.05f));
            Add(p + "attn.qkv.bias", new long[] { 3 * e }, Zeros);
            Add(p + "attn.proj.weight", new long[] { e, e }, W(0.05f));
            Add(p + "attn.proj.bias", new long[] { e }, Zeros);
            Add(p + "mlp.gate_proj.weight", new long[] { s.VisionIntermediate, e }, W(0.05f));
            Add(p + "mlp.gate_proj.bias", new long[] { s.VisionIntermediate }, Zeros);
            Add(p + "mlp.up_proj.weight", new long[] { s.VisionIntermediate, e }, W(0.05f));
            Add(p + "mlp.up_proj.bias", new long[] { s.VisionIntermediate }, Zeros);
            Add(p + "mlp.down_proj.weight", new long[] { e, s.VisionIntermediate }, W(0.05f));
            Add(p + "mlp.down_proj.bias", new long[] { e }, Zeros);
        }

        Add("visual.merger.ln_q.weight", new long[] { e }, Ones);
        Add("visual.merger.mlp.0.weight", new long[] { unit, unit }, W(0.05f));
        Add("visual.merger.mlp.0.bias", new long[] { unit }, Zeros);
        Add("visual.merger.mlp.2.weight", new long[] { s.TextHidden, unit }, W(0.05f));
        Add("visual.merger.mlp.2.bias", new long[] { s.TextHidden }, Zeros);

        var d = s.TextHidden;
        var hd = d / s.Heads;
        Add("model.embed_tokens.weight", new long[] { VocabSize, d }, W(0.5f));
        for (var l = 0; l < s.TextLayers; l++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"model.layers.{l}.");
            Add(p + "input_layernorm.weight", new long[] { d }, Ones);
            Add(p + "post_attention_layernorm.weight", new long[] { d }, Ones);
            Add(p + "self_attn.q_proj.weight", new long[] { s.Heads * hd, d }, W(0.05f));
            Add(p + "self_attn.q_proj.bias", new long[] { s.Heads * hd }, Zeros);
            Add(p + "self_attn.k_proj.weight", new long[] { s.KvHeads * hd, d }, W(0.05f));
            Add(p + "self_attn.k_proj.bias", new long[] { s.KvHeads * hd }, Zeros);
            Add(p + "self_attn.v_proj.weight", new long[] { s.KvHeads * hd, d }, W(0.05f));
            Add(p + "self_attn.v_proj.bias", new long[] { s.KvHeads * hd }, Zeros);
            Add(p + "self_attn.o_proj.weight", new long[] { d, s.Heads * hd }, W(0.05f));
            Add(p + "mlp.gate_proj.weight", new long[] { s.Intermediate, d }, W(0.05f));
            Add(p + "mlp.up_proj.weight", new long[] { s.Intermediate, d }, W(0.05f));
            Add(p + "mlp.down_proj.weight", new long[] { d, s.Intermediate }, W(0.05f));
        }

        Add("model.norm.weight", new long[] { d }, Ones);
        // The padded vocabulary's rows past the tokenizer's ids get zero weights (logit 0, below the maximum of the real
        // rows' logits), so greedy decoding never picks an id the tokenizer cannot decode.
        Add("lm_head.weight", new long[] { VocabSize, d }, n => () =>
        {
            var values = Normal(n, 0.1f)();
            Array.Clear(values, tokenizerIds * d, (VocabSize - tokenizerIds) * d);
            return values;
        });
        return tensors;
    }

    /// <summary>The sizes a synthetic checkpoint is written at.</summary>
    /// <param name="Name">The preset name recorded in <c>config.json</c>.</param>
    /// <param name="VisionHidden">The vision block width.</param>
    /// <param name="VisionDepth">The vision block count.</param>
    /// <param name="VisionHeads">The vision attention heads.</param>
    /// <param name="VisionIntermediate">The vision MLP width.</param>
    /// <param name="FullAttentionBlocks">The blocks with full attention (the others attend within windows).</param>
    /// <param name="WindowSize">The attention window side in pixels.</param>
    /// <param name="TextHidden">The decoder width (also the merger's output width).</param>
    /// <param name="TextLayers">The decoder layers.</param>
    /// <param name="Heads">The decoder query heads.</param>
    /// <param name="KvHeads">The decoder key/value heads.</param>
    /// <param name="Intermediate">The decoder MLP width.</param>
    /// <param name="MropeSection">The M-RoPE (t, h, w) sections, summing to head_dim / 2.</param>
    /// <param name="MaxPixels">The preprocessor's <c>max_pixels</c>.</param>
    internal sealed record Shape(string Name, int VisionHidden, int VisionDepth, int VisionHeads, int VisionIntermediate, IReadOnlyList<int> FullAttentionBlocks, int WindowSize, int TextHidden, int TextLayers, int Heads, int KvHeads, int Intermediate, IReadOnlyList<int> MropeSection, long MaxPixels);
}
