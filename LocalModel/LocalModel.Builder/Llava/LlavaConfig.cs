using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LocalModel.Builder.Llava;

/// <summary>
/// The parts of a llava-hf <c>config.json</c> the builder needs, with the HuggingFace defaults
/// (<c>LlamaConfig</c>, <c>CLIPVisionConfig</c>, <c>LlavaConfig</c>) applied to fields the file omits.
/// Unsupported architectures and values are rejected with the field named.
/// </summary>
public sealed record LlavaConfig
{
    /// <summary>Gets the image placeholder token id (<c>image_token_index</c>, default 32000).</summary>
    public int ImageTokenIndex { get; init; }

    /// <summary>Gets the pad token id, or -1.</summary>
    public int PadTokenId { get; init; }

    /// <summary>Gets the projector activation (<c>projector_hidden_act</c>, default gelu).</summary>
    public string ProjectorActivation { get; init; } = "gelu";

    /// <summary>Gets the hidden-state index features come from (<c>vision_feature_layer</c>, default -2).</summary>
    public int VisionFeatureLayer { get; init; }

    /// <summary>Gets whether [CLS] is dropped from the features (<c>vision_feature_select_strategy</c> "default").</summary>
    public bool DropCls { get; init; }

    /// <summary>Gets the vision tower settings.</summary>
    public required VisionSettings Vision { get; init; }

    /// <summary>Gets the language model settings.</summary>
    public required TextSettings Text { get; init; }

    /// <summary>Gets the number of vision encoder layers that must run to produce the features.</summary>
    public int FeatureLayerCount => VisionFeatureLayer < 0 ? Vision.Layers + 1 + VisionFeatureLayer : VisionFeatureLayer;

    /// <summary>Reads and validates <c>config.json</c>.</summary>
    /// <exception cref="InvalidDataException">A field is malformed or an architecture is unsupported.</exception>
    public static LlavaConfig Load(string path)
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
            var root = doc.RootElement;
            var r = new ConfigJsonReader(path, root, string.Empty);
            var modelType = r.String("model_type", null);
            if (modelType is not "llava")
            {
                throw new InvalidDataException($"'{path}': model_type is '{modelType}'; only 'llava' (LlavaForConditionalGeneration) is supported.");
            }

            if (root.TryGetProperty("vision_feature_layer", out var vfl) && vfl.ValueKind == JsonValueKind.Array)
            {
                throw new InvalidDataException($"'{path}': vision_feature_layer is a list; multi-layer features are not supported.");
            }

            var strategy = r.String("vision_feature_select_strategy", "default");
            if (strategy is not ("default" or "full"))
            {
                throw new InvalidDataException($"'{path}': vision_feature_select_strategy '{strategy}' is not supported (expected 'default' or 'full').");
            }

            var vision = ReadVision(new ConfigJsonReader(path, r.Object("vision_config"), "vision_config."));
            var text = ReadText(new ConfigJsonReader(path, r.Object("text_config"), "text_config."), r.Int("vocab_size", -1), r.Bool("tie_word_embeddings", false));
            var config = new LlavaConfig
            {
                ImageTokenIndex = r.Int("image_token_index", r.Int("image_token_id", 32000)),
                PadTokenId = r.Int("pad_token_id", -1),
                ProjectorActivation = r.String("projector_hidden_act", "gelu")!,
                VisionFeatureLayer = r.Int("vision_feature_layer", -2),
                DropCls = strategy == "default",
                Vision = vision,
                Text = text,
            };
            ActivationKind(config.ProjectorActivation, path, "projector_hidden_act");
            if (config.FeatureLayerCount < 1 || config.FeatureLayerCount > vision.Layers)
            {
                throw new InvalidDataException($"'{path}': vision_feature_layer {config.VisionFeatureLayer} is outside the {vision.Layers}-layer vision tower.");
            }

            if (config.ImageTokenIndex < 0 || config.ImageTokenIndex >= text.VocabSize)
            {
                throw new InvalidDataException($"'{path}': image_token_index {config.ImageTokenIndex} is outside the vocabulary of {text.VocabSize}.");
            }

            return config;
        }
    }

    /// <summary>Maps a HuggingFace activation name to the kind the graph writer implements.</summary>
    internal static string ActivationKind(string name, string path, string field) => name switch
    {
        "gelu" => "gelu",
        "quick_gelu" => "quick_gelu",
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => "gelu_tanh",
        "silu" or "swish" => "silu",
        "relu" => "relu",
        _ => throw new InvalidDataException($"'{path}': {field} '{name}' is not supported (gelu, quick_gelu, gelu_new, gelu_pytorch_tanh, silu, relu)."),
    };

    private static VisionSettings ReadVision(ConfigJsonReader r)
    {
        var type = r.String("model_type", "clip_vision_model");
        if (type is not "clip_vision_model")
        {
            throw new InvalidDataException($"'{r.Path}': vision_config.model_type '{type}' is not supported (expected clip_vision_model).");
        }

        var v = new VisionSettings
        {
            HiddenSize = r.Int("hidden_size", 768),
            IntermediateSize = r.Int("intermediate_size", 3072),
            Layers = r.Int("num_hidden_layers", 12),
            Heads = r.Int("num_attention_heads", 12),
            ImageSize = r.Int("image_size", 224),
            PatchSize = r.Int("patch_size", 32),
            Channels = r.Int("num_channels", 3),
            Activation = r.String("hidden_act", "quick_gelu")!,
            LayerNormEps = r.Double("layer_norm_eps", 1e-5),
        };
        r.Positive("hidden_size", v.HiddenSize);
        r.Positive("num_hidden_layers", v.Layers);
        r.Positive("num_attention_heads", v.Heads);
        r.Positive("patch_size", v.PatchSize);
        if (v.HiddenSize % v.Heads != 0)
        {
            throw new InvalidDataException($"'{r.Path}': vision_config.hidden_size {v.HiddenSize} is not divisible by num_attention_heads {v.Heads}.");
        }

        if (v.ImageSize % v.PatchSize != 0)
        {
            throw new InvalidDataException($"'{r.Path}': vision_config.image_size {v.ImageSize} is not a multiple of patch_size {v.PatchSize}.");
        }

        ActivationKind(v.Activation, r.Path, "vision_config.hidden_act");
        return v;
    }

    private static TextSettings ReadText(ConfigJsonReader r, int topVocab, bool topTie)
    {
        var type = r.String("model_type", "llama");
        if (type is not "llama")
        {
            throw new InvalidDataException($"'{r.Path}': text_config.model_type '{type}' is not supported (expected llama).");
        }

        if (r.Element.TryGetProperty("rope_scaling", out var rs) && rs.ValueKind != JsonValueKind.Null)
        {
            throw new InvalidDataException($"'{r.Path}': text_config.rope_scaling is set; scaled RoPE is not supported.");
        }

        if (r.Bool("attention_bias", false) || r.Bool("mlp_bias", false))
        {
            throw new InvalidDataException($"'{r.Path}': text_config.attention_bias/mlp_bias are set; biased Llama projections are not supported.");
        }

        var heads = r.Int("num_attention_heads", 32);
        var hidden = r.Int("hidden_size", 4096);
        var t = new TextSettings
        {
            HiddenSize = hidden,
            IntermediateSize = r.Int("intermediate_size", 11008),
            Layers = r.Int("num_hidden_layers", 32),
            Heads = heads,
            KvHeads = r.Int("num_key_value_heads", heads),
            HeadDim = r.Int("head_dim", heads > 0 ? hidden / heads : 0),
            VocabSize = r.Int("vocab_size", topVocab > 0 ? topVocab : 32000),
            RmsNormEps = r.Double("rms_norm_eps", 1e-6),
            RopeTheta = r.Double("rope_theta", 10000.0),
            ContextLength = r.Int("max_position_embeddings", 2048),
            Activation = r.String("hidden_act", "silu")!,
            TieWordEmbeddings = r.Bool("tie_word_embeddings", topTie),
            BosTokenId = r.Int("bos_token_id", 1),
            EosTokenId = r.Int("eos_token_id", 2),
        };
        r.Positive("hidden_size", t.HiddenSize);
        r.Positive("num_hidden_layers", t.Layers);
        r.Positive("num_attention_heads", t.Heads);
        r.Positive("num_key_value_heads", t.KvHeads);
        r.Positive("vocab_size", t.VocabSize);
        if (t.Heads % t.KvHeads != 0)
        {
            throw new InvalidDataException($"'{r.Path}': text_config.num_attention_heads {t.Heads} is not a multiple of num_key_value_heads {t.KvHeads}.");
        }

        if (t.HeadDim % 2 != 0)
        {
            throw new InvalidDataException($"'{r.Path}': text_config head_dim {t.HeadDim} must be even for RoPE.");
        }

        if (t.Activation is not ("silu" or "swish"))
        {
            throw new InvalidDataException($"'{r.Path}': text_config.hidden_act '{t.Activation}' is not supported (expected silu).");
        }

        return t;
    }

    /// <summary>CLIP vision tower settings.</summary>
    public sealed record VisionSettings
    {
        /// <summary>Gets the hidden size.</summary>
        public int HiddenSize { get; init; }

        /// <summary>Gets the MLP width.</summary>
        public int IntermediateSize { get; init; }

        /// <summary>Gets the number of encoder layers in the checkpoint.</summary>
        public int Layers { get; init; }

        /// <summary>Gets the attention head count.</summary>
        public int Heads { get; init; }

        /// <summary>Gets the input image side in pixels.</summary>
        public int ImageSize { get; init; }

        /// <summary>Gets the patch side in pixels.</summary>
        public int PatchSize { get; init; }

        /// <summary>Gets the input channel count.</summary>
        public int Channels { get; init; }

        /// <summary>Gets the MLP activation.</summary>
        public string Activation { get; init; } = "quick_gelu";

        /// <summary>Gets the LayerNorm epsilon.</summary>
        public double LayerNormEps { get; init; }

        /// <summary>Gets the patch grid side.</summary>
        public int GridSize => ImageSize / PatchSize;
    }

    /// <summary>Decoder settings: the Llama decoder of LLaVA, or the Qwen2 decoder of Qwen2.5-VL (biased q/k/v, M-RoPE).</summary>
    public sealed record TextSettings
    {
        /// <summary>Gets whether the q, k and v projections have biases (Qwen2); o never has.</summary>
        public bool AttentionBias { get; init; }

        /// <summary>
        /// Gets the M-RoPE split of the rotary frequencies (<c>rope_scaling.mrope_section</c>, summing to head_dim/2) over
        /// the temporal, height and width position streams, or null for one position stream (standard RoPE).
        /// </summary>
        public IReadOnlyList<int>? MropeSection { get; init; }

        /// <summary>Gets the hidden size.</summary>
        public int HiddenSize { get; init; }

        /// <summary>Gets the MLP width.</summary>
        public int IntermediateSize { get; init; }

        /// <summary>Gets the decoder layer count.</summary>
        public int Layers { get; init; }

        /// <summary>Gets the query head count.</summary>
        public int Heads { get; init; }

        /// <summary>Gets the key/value head count.</summary>
        public int KvHeads { get; init; }

        /// <summary>Gets the per-head dimension.</summary>
        public int HeadDim { get; init; }

        /// <summary>Gets the vocabulary size (rows of the embedding and LM head).</summary>
        public int VocabSize { get; init; }

        /// <summary>Gets the RMSNorm epsilon.</summary>
        public double RmsNormEps { get; init; }

        /// <summary>Gets the RoPE base.</summary>
        public double RopeTheta { get; init; }

        /// <summary>Gets the context length.</summary>
        public int ContextLength { get; init; }

        /// <summary>Gets the MLP activation.</summary>
        public string Activation { get; init; } = "silu";

        /// <summary>Gets whether the LM head shares the embedding matrix.</summary>
        public bool TieWordEmbeddings { get; init; }

        /// <summary>Gets the BOS id from the config.</summary>
        public int BosTokenId { get; init; }

        /// <summary>Gets the EOS id from the config.</summary>
        public int EosTokenId { get; init; }
    }
}
