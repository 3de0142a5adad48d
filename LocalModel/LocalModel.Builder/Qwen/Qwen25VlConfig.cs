using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModel.Builder.Llava;

namespace LocalModel.Builder.Qwen;

/// <summary>
/// The parts of a Qwen2.5-VL <c>config.json</c> the builder needs (HuggingFace <c>Qwen2_5_VLConfig</c>): the text
/// fields at the top level (hub layout) or under <c>text_config</c> (newer transformers), and <c>vision_config</c>, whose
/// hub files omit fields the HF class defaults (patch size 14, spatial merge size 2, temporal patch size 2, 3 input
/// channels, SiLU, window 112 px, full attention at blocks 7/15/23/31); those defaults are supplied here. Fields without a
/// sensible default are named in the error when missing.
/// </summary>
public sealed record Qwen25VlConfig
{
    /// <summary>Gets the image placeholder id (<c>image_token_id</c>, default 151655, <c>&lt;|image_pad|&gt;</c>).</summary>
    public int ImageTokenId { get; init; }

    /// <summary>Gets the id that opens an image (<c>vision_start_token_id</c>, default 151652).</summary>
    public int VisionStartTokenId { get; init; }

    /// <summary>Gets the id that closes an image (<c>vision_end_token_id</c>, default 151653).</summary>
    public int VisionEndTokenId { get; init; }

    /// <summary>Gets the pad token id, or -1.</summary>
    public int PadTokenId { get; init; }

    /// <summary>Gets the vision transformer settings.</summary>
    public required VisionSettings Vision { get; init; }

    /// <summary>Gets the Qwen2 decoder settings (biased q/k/v, M-RoPE).</summary>
    public required LlavaConfig.TextSettings Text { get; init; }

    /// <summary>Reads and validates <c>config.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A field is malformed, missing without a default, or unsupported.</exception>
    public static Qwen25VlConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint config '{path}' does not exist.", path);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = new ConfigJsonReader(path, doc.RootElement, string.Empty);
            var modelType = root.String("model_type", null);
            if (modelType is not "qwen2_5_vl")
            {
                throw new InvalidDataException($"'{path}': model_type is '{modelType}'; this reader takes 'qwen2_5_vl' (Qwen2_5_VLForConditionalGeneration).");
            }

            var textObject = root.OptionalObject("text_config");
            var text = textObject is { } t ? new ConfigJsonReader(path, t, "text_config.") : root;
            var vision = ReadVision(new ConfigJsonReader(path, root.Object("vision_config"), "vision_config."));
            var decoder = ReadText(text, root);
            if (vision.OutHiddenSize != decoder.HiddenSize)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}': vision_config.out_hidden_size {vision.OutHiddenSize} differs from the text hidden_size {decoder.HiddenSize}; the merger must output the decoder's width."));
            }

            int Token(string name, int fallback)
            {
                var id = text.Int(name, root.Int(name, fallback));
                return id >= 0 && id < decoder.VocabSize
                    ? id
                    : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}': {name} {id} is outside the vocabulary of {decoder.VocabSize}."));
            }

            return new Qwen25VlConfig
            {
                ImageTokenId = Token("image_token_id", 151655),
                VisionStartTokenId = Token("vision_start_token_id", 151652),
                VisionEndTokenId = Token("vision_end_token_id", 151653),
                PadTokenId = text.Int("pad_token_id", root.Int("pad_token_id", -1)),
                Vision = vision,
                Text = decoder,
            };
        }
    }

    private static VisionSettings ReadVision(ConfigJsonReader r)
    {
        const string why = "the vision tower's shape must come from the checkpoint";
        var v = new VisionSettings
        {
            Depth = r.RequiredInt("depth", why),
            HiddenSize = r.RequiredInt("hidden_size", why),
            IntermediateSize = r.RequiredInt("intermediate_size", why),
            Heads = r.RequiredInt("num_heads", why),
            OutHiddenSize = r.RequiredInt("out_hidden_size", "the merger's output width, the decoder's hidden size"),
            PatchSize = r.Int("patch_size", r.Int("spatial_patch_size", 14)),
            SpatialMergeSize = r.Int("spatial_merge_size", 2),
            TemporalPatchSize = r.Int("temporal_patch_size", 2),
            Channels = r.Int("in_chans", r.Int("in_channels", 3)),
            WindowSize = r.Int("window_size", 112),
            FullAttentionBlocks = r.IntList("fullatt_block_indexes", new[] { 7, 15, 23, 31 }),
            Activation = r.String("hidden_act", "silu")!,
        };
        foreach (var (name, value) in new[] { ("depth", v.Depth), ("hidden_size", v.HiddenSize), ("intermediate_size", v.IntermediateSize), ("num_heads", v.Heads), ("out_hidden_size", v.OutHiddenSize), ("patch_size", v.PatchSize), ("spatial_merge_size", v.SpatialMergeSize), ("temporal_patch_size", v.TemporalPatchSize), ("in_chans", v.Channels), ("window_size", v.WindowSize) })
        {
            r.Positive(name, value);
        }

        if (v.HiddenSize % v.Heads != 0 || (v.HiddenSize / v.Heads) % 4 != 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{r.Path}': vision_config.hidden_size {v.HiddenSize} over num_heads {v.Heads} must give a head size divisible by 4 (the 2-D rotary embedding splits it into h and w halves of rotate-half pairs)."));
        }

        if (v.WindowSize % (v.PatchSize * v.SpatialMergeSize) != 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{r.Path}': vision_config.window_size {v.WindowSize} is not a multiple of patch_size x spatial_merge_size ({v.PatchSize * v.SpatialMergeSize})."));
        }

        var bad = v.FullAttentionBlocks.FirstOrDefault(b => b < 0 || b >= v.Depth, -1);
        if (bad >= 0 || v.FullAttentionBlocks.Count == 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{r.Path}': vision_config.fullatt_block_indexes must name at least one block in 0..{v.Depth - 1}; got [{string.Join(",", v.FullAttentionBlocks)}]."));
        }

        LlavaConfig.ActivationKind(v.Activation, r.Path, "vision_config.hidden_act");
        return v;
    }

    private static LlavaConfig.TextSettings ReadText(ConfigJsonReader r, ConfigJsonReader root)
    {
        const string why = "the decoder's shape must come from the checkpoint";
        if (r.Bool("use_sliding_window", false))
        {
            throw new InvalidDataException($"'{r.Path}': {r.Prefix}use_sliding_window is true; sliding-window attention is not supported.");
        }

        var scaling = r.OptionalObject("rope_scaling") ?? r.OptionalObject("rope_parameters")
            ?? throw new InvalidDataException($"'{r.Path}': field '{r.Prefix}rope_scaling' is missing; Qwen2.5-VL needs its mrope_section.");
        var rope = new ConfigJsonReader(r.Path, scaling, r.Prefix + "rope_scaling.");
        var section = rope.IntList("mrope_section", System.Array.Empty<int>());
        var heads = r.RequiredInt("num_attention_heads", why);
        var hidden = r.RequiredInt("hidden_size", why);
        var t = new LlavaConfig.TextSettings
        {
            HiddenSize = hidden,
            IntermediateSize = r.RequiredInt("intermediate_size", why),
            Layers = r.RequiredInt("num_hidden_layers", why),
            Heads = heads,
            KvHeads = r.Int("num_key_value_heads", heads),
            HeadDim = heads > 0 ? hidden / heads : 0,
            VocabSize = r.RequiredInt("vocab_size", why),
            RmsNormEps = r.Double("rms_norm_eps", 1e-6),
            RopeTheta = r.Double("rope_theta", rope.Double("rope_theta", 1000000.0)),
            ContextLength = r.Int("max_position_embeddings", 128000),
            Activation = r.String("hidden_act", "silu")!,
            TieWordEmbeddings = r.Bool("tie_word_embeddings", root.Bool("tie_word_embeddings", false)),
            BosTokenId = r.Int("bos_token_id", root.Int("bos_token_id", 151643)),
            EosTokenId = r.Int("eos_token_id", root.Int("eos_token_id", 151645)),
            AttentionBias = true,
            MropeSection = section,
        };
        foreach (var (name, value) in new[] { ("hidden_size", t.HiddenSize), ("num_hidden_layers", t.Layers), ("num_attention_heads", t.Heads), ("num_key_value_heads", t.KvHeads), ("vocab_size", t.VocabSize), ("max_position_embeddings", t.ContextLength) })
        {
            r.Positive(name, value);
        }

        if (hidden % heads != 0 || t.Heads % t.KvHeads != 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{r.Path}': {r.Prefix}hidden_size {hidden} must divide by num_attention_heads {heads}, and the heads by num_key_value_heads {t.KvHeads}."));
        }

        if (section.Count != 3 || section.Any(s => s < 0) || section.Sum() != t.HeadDim / 2)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{r.Path}': {r.Prefix}rope_scaling.mrope_section must be three non-negative sizes summing to head_dim/2 = {t.HeadDim / 2} (temporal, height, width); got [{string.Join(",", section)}]."));
        }

        if (t.Activation is not ("silu" or "swish"))
        {
            throw new InvalidDataException($"'{r.Path}': {r.Prefix}hidden_act '{t.Activation}' is not supported (expected silu).");
        }

        return t;
    }

    /// <summary>Qwen2.5-VL vision transformer settings (HF <c>Qwen2_5_VLVisionConfig</c>).</summary>
    public sealed record VisionSettings
    {
        /// <summary>Gets the number of blocks.</summary>
        public int Depth { get; init; }

        /// <summary>Gets the block width.</summary>
        public int HiddenSize { get; init; }

        /// <summary>Gets the MLP width.</summary>
        public int IntermediateSize { get; init; }

        /// <summary>Gets the attention head count.</summary>
        public int Heads { get; init; }

        /// <summary>Gets the merger's output width (the decoder's hidden size).</summary>
        public int OutHiddenSize { get; init; }

        /// <summary>Gets the patch side in pixels (default 14).</summary>
        public int PatchSize { get; init; }

        /// <summary>Gets the side of the patch block the merger fuses into one token (default 2).</summary>
        public int SpatialMergeSize { get; init; }

        /// <summary>Gets the frames per temporal patch (default 2; an image is repeated into that many frames).</summary>
        public int TemporalPatchSize { get; init; }

        /// <summary>Gets the input channels (default 3).</summary>
        public int Channels { get; init; }

        /// <summary>Gets the attention window side in pixels (default 112).</summary>
        public int WindowSize { get; init; }

        /// <summary>Gets the 0-based blocks that attend over the whole image instead of windows.</summary>
        public IReadOnlyList<int> FullAttentionBlocks { get; init; } = System.Array.Empty<int>();

        /// <summary>Gets the MLP activation (default silu).</summary>
        public string Activation { get; init; } = "silu";

        /// <summary>Gets the head size.</summary>
        public int HeadDim => HiddenSize / Heads;

        /// <summary>Gets the length of one flattened patch: channels x temporal patch x patch x patch.</summary>
        public int PatchLength => Channels * TemporalPatchSize * PatchSize * PatchSize;

        /// <summary>Gets the window side in merged tokens.</summary>
        public int MergedWindow => WindowSize / SpatialMergeSize / PatchSize;
    }
}
