using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LocalModel.Packaging;

/// <summary>
/// A model package on disk: a folder with a <see cref="ModelManifest"/> (<c>vlm-package.json</c>) and the files
/// it names, or a transformers.js-style LLaVA export (<c>config.json</c>, <c>onnx/vision_encoder.onnx</c>,
/// <c>onnx/embed_tokens.onnx</c>, <c>onnx/decoder_model_merged.onnx</c>, <c>tokenizer.json</c>) for which a
/// manifest is derived. Loading validates the manifest and reports exactly what is wrong.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>Graph role of the vision encoder.</summary>
    public const string VisionEncoderRole = "vision_encoder";

    /// <summary>Graph role of the projector.</summary>
    public const string ProjectorRole = "projector";

    /// <summary>Graph role of the token embedding.</summary>
    public const string EmbedTokensRole = "embed_tokens";

    /// <summary>Graph role of the decoder.</summary>
    public const string DecoderRole = "decoder";

    private ModelPackage(string directory, ModelManifest manifest, string layout)
    {
        Directory = directory;
        Manifest = manifest;
        Layout = layout;
    }

    /// <summary>Gets the package folder.</summary>
    public string Directory { get; }

    /// <summary>Gets the validated manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Gets the layout the package was read from: <c>manifest</c> or <c>transformers.js</c>.</summary>
    public string Layout { get; }

    /// <summary>Loads and validates the package in <paramref name="directory"/>.</summary>
    /// <exception cref="ModelPackageException">The folder is not a valid package; the message names the file and field.</exception>
    public static ModelPackage Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new ModelPackageException($"Model package folder '{full}' does not exist.");
        }

        var manifestPath = Path.Combine(full, ModelManifest.FileName);
        ModelPackage package;
        if (File.Exists(manifestPath))
        {
            ModelManifest manifest;
            try
            {
                manifest = ModelManifestSerializer.Load(manifestPath);
            }
            catch (InvalidDataException ex)
            {
                throw new ModelPackageException(ex.Message, ex);
            }

            package = new ModelPackage(full, manifest, "manifest");
        }
        else if (File.Exists(Path.Combine(full, "onnx", "decoder_model_merged.onnx")))
        {
            package = new ModelPackage(full, TransformersJsLayout.CreateManifest(full), "transformers.js");
        }
        else if (IsCheckpoint(full))
        {
            throw new ModelPackageException($"'{full}' is a HuggingFace llava-hf checkpoint (config.json and safetensors), not a model package. Load it with LocalModel.Builder's VlmEngineLoader.Load(path) or register it with services.AddLocalVlmChatClient(path) (LocalModel.Hosting), which build its package once into the package cache (PackageCache.Resolve), or build a package with 'agents model build --from <checkpoint> --out <folder>'.");
        }
        else
        {
            throw new ModelPackageException($"'{full}' is not a model package: it has no {ModelManifest.FileName} and no onnx/decoder_model_merged.onnx (transformers.js layout); build one from a llava-hf checkpoint (LocalModel.Builder).");
        }

        package.Validate();
        return package;
    }

    /// <summary>
    /// Returns whether <paramref name="directory"/> looks like a HuggingFace (llava-hf) checkpoint rather than a package:
    /// it has <c>config.json</c> and <c>model.safetensors</c> (or <c>model.safetensors.index.json</c>), and neither a
    /// <c>vlm-package.json</c> nor an <c>onnx</c> folder.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>Whether it is a checkpoint.</returns>
    public static bool IsCheckpoint(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return File.Exists(Path.Combine(directory, "config.json"))
            && !File.Exists(Path.Combine(directory, ModelManifest.FileName))
            && !System.IO.Directory.Exists(Path.Combine(directory, "onnx"))
            && (File.Exists(Path.Combine(directory, "model.safetensors")) || File.Exists(Path.Combine(directory, "model.safetensors.index.json")));
    }

    /// <summary>Returns the full path of the graph with <paramref name="role"/>.</summary>
    public string GraphPath(string role) => Path.Combine(Directory, Graph(role).File);

    /// <summary>Returns the graph entry with <paramref name="role"/>.</summary>
    public GraphManifest Graph(string role) =>
        Manifest.Graphs.TryGetValue(role, out var g) ? g : throw new ModelPackageException($"{Where} has no '{role}' graph.");

    /// <summary>Returns whether the package has a graph with <paramref name="role"/>.</summary>
    public bool HasGraph(string role) => Manifest.Graphs.ContainsKey(role);

    private string Where => Layout == "manifest" ? $"'{Path.Combine(Directory, ModelManifest.FileName)}'" : $"transformers.js package '{Directory}'";

    /// <summary>
    /// Gets the input roles of a dynamic-resolution vision graph (Qwen2.5-VL), in the order the runtime feeds them: the
    /// flattened patches, the patch positions, the window order and its inverse, the padded windows and each patch's slot.
    /// </summary>
    public static IReadOnlyList<string> DynamicVisionInputRoles { get; } = new[] { "pixel_values", "patch_positions", "window_index", "reverse_index", "window_rows", "window_scatter" };

    private void Validate()
    {
        var m = Manifest;
        if (m.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            Fail($"format_version is {m.FormatVersion}; this runtime reads version {ModelManifest.CurrentFormatVersion}");
        }

        if (m.Family is not ("llava" or "qwen2_5_vl"))
        {
            Fail($"family is '{m.Family}'; supported: llava, qwen2_5_vl");
        }

        var required = new List<string> { VisionEncoderRole, EmbedTokensRole, DecoderRole };
        if (!m.Vision.FeaturesProjected)
        {
            required.Add(ProjectorRole);
        }

        foreach (var role in required)
        {
            if (!m.Graphs.TryGetValue(role, out var g) || string.IsNullOrWhiteSpace(g.File))
            {
                Fail($"graphs.{role}.file is missing");
            }
        }

        foreach (var (role, g) in m.Graphs)
        {
            var path = Path.Combine(Directory, g.File);
            if (!File.Exists(path))
            {
                Fail($"graphs.{role}.file '{g.File}' does not exist in the package folder");
            }
        }

        RequireRoles(DecoderRole, inputs: new[] { "inputs_embeds", "attention_mask", "past_key", "past_value" }, outputs: new[] { "logits", "present_key", "present_value" });
        RequireRoles(EmbedTokensRole, inputs: new[] { "input_ids" }, outputs: new[] { "inputs_embeds" });
        RequireRoles(VisionEncoderRole, inputs: m.Preprocessing.IsDynamicResolution ? DynamicVisionInputRoles : new[] { "pixel_values" }, outputs: new[] { "features" });
        if (!m.Vision.FeaturesProjected)
        {
            RequireRoles(ProjectorRole, inputs: new[] { "features" }, outputs: new[] { "image_features" });
        }

        Positive("text.hidden_size", m.Text.HiddenSize);
        Positive("text.num_layers", m.Text.NumLayers);
        Positive("text.num_heads", m.Text.NumHeads);
        Positive("text.num_kv_heads", m.Text.NumKvHeads);
        Positive("text.head_dim", m.Text.HeadDim);
        Positive("text.vocab_size", m.Text.VocabSize);
        Positive("text.context_length", m.Text.ContextLength);
        Positive("vision.visual_tokens_per_image", m.Vision.VisualTokensPerImage);
        if (m.Text.NumHeads % m.Text.NumKvHeads != 0)
        {
            Fail($"text.num_heads {m.Text.NumHeads} is not a multiple of text.num_kv_heads {m.Text.NumKvHeads}");
        }

        if (m.Text.PositionStreams is not (1 or 3))
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"text.position_streams is {m.Text.PositionStreams}; 1 (RoPE) or 3 (M-RoPE)"));
        }

        if (m.Preprocessing.IsDynamicResolution)
        {
            ValidateDynamicResolution(m);
        }
        else
        {
            Positive("vision.image_size", m.Vision.ImageSize);
            Positive("vision.grid_height", m.Vision.GridHeight);
            Positive("vision.grid_width", m.Vision.GridWidth);
            Positive("preprocessing.crop_height", m.Preprocessing.CropHeight);
            Positive("preprocessing.crop_width", m.Preprocessing.CropWidth);
            Positive("preprocessing.shortest_edge", m.Preprocessing.ShortestEdge);
            if (m.Preprocessing.CropHeight != m.Vision.ImageSize || m.Preprocessing.CropWidth != m.Vision.ImageSize)
            {
                Fail($"preprocessing crop {m.Preprocessing.CropWidth}x{m.Preprocessing.CropHeight} differs from vision.image_size {m.Vision.ImageSize}");
            }

            if (m.Preprocessing.Mode is not ("shortest_edge_center_crop" or "pad_to_square"))
            {
                Fail($"preprocessing.mode '{m.Preprocessing.Mode}' is unknown (shortest_edge_center_crop, pad_to_square, smart_resize)");
            }
        }

        if (m.Preprocessing.ImageMean.Count != 3 || m.Preprocessing.ImageStd.Count != 3 || m.Preprocessing.ImageStd.Any(s => s <= 0))
        {
            Fail("preprocessing.image_mean and image_std need 3 values each, std positive");
        }

        if (m.SpecialTokens.Image < 0 || m.SpecialTokens.Image >= m.Text.VocabSize)
        {
            Fail($"special_tokens.image {m.SpecialTokens.Image} is outside the vocabulary 0..{m.Text.VocabSize - 1}");
        }

        if (m.SpecialTokens.Eos.Any(e => e < 0 || e >= m.Text.VocabSize))
        {
            Fail("special_tokens.eos has an id outside the vocabulary");
        }

        var maxLayer = m.Vision.FeatureLayer;
        foreach (var layer in m.Vision.ClsAttentionLayers)
        {
            if (layer < 0 || layer > maxLayer)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"vision.cls_attention_layers has {layer}, outside 0..{maxLayer}"));
            }

            if (!Graph(VisionEncoderRole).Outputs.ContainsKey(string.Create(CultureInfo.InvariantCulture, $"cls_attention.{layer}")))
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"vision.cls_attention_layers lists {layer} but graphs.vision_encoder.outputs has no 'cls_attention.{layer}'"));
            }
        }

        if (!ModelManifest.CoordinateConventions.Contains(m.Coordinates))
        {
            Fail($"coordinates is '{m.Coordinates}'; expected one of {string.Join(", ", ModelManifest.CoordinateConventions)}");
        }

        if (m.Coordinates == ModelManifest.CoordinatesAbsoluteResized && !m.Preprocessing.IsDynamicResolution)
        {
            Fail($"coordinates '{ModelManifest.CoordinatesAbsoluteResized}' needs preprocessing.mode 'smart_resize' (the resized size it refers to), not '{m.Preprocessing.Mode}'");
        }

        if (string.IsNullOrWhiteSpace(m.Tokenizer.File) || !File.Exists(Path.Combine(Directory, m.Tokenizer.File)))
        {
            Fail($"tokenizer.file '{m.Tokenizer.File}' does not exist in the package folder");
        }
    }

    /// <summary>Checks a dynamic-resolution (Qwen2-VL <c>smart_resize</c>) package's vision and preprocessing fields.</summary>
    private void ValidateDynamicResolution(ModelManifest m)
    {
        var p = m.Preprocessing;
        var v = m.Vision;
        Positive("vision.patch_size", v.PatchSize);
        Positive("vision.merge_size", v.MergeSize);
        Positive("vision.temporal_patch_size", v.TemporalPatchSize);
        Positive("vision.window_size", v.WindowSize);
        if (p.ResizeFactor != v.PatchSize * v.MergeSize)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"preprocessing.resize_factor {p.ResizeFactor} differs from vision.patch_size x vision.merge_size ({v.PatchSize * v.MergeSize})"));
        }

        if (p.MinPixels <= 0 || p.MaxPixels < p.MinPixels)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"preprocessing.min_pixels {p.MinPixels} and max_pixels {p.MaxPixels} must satisfy 0 < min <= max"));
        }

        if (v.WindowSize % p.ResizeFactor != 0)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"vision.window_size {v.WindowSize} is not a multiple of preprocessing.resize_factor {p.ResizeFactor}"));
        }

        if (!v.FeaturesProjected)
        {
            Fail("vision.features_projected must be true for smart_resize packages (the merger projects to the text width)");
        }
    }

    private void RequireRoles(string role, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        var g = Graph(role);
        foreach (var i in inputs.Where(i => !g.Inputs.ContainsKey(i)))
        {
            Fail($"graphs.{role}.inputs has no '{i}' entry");
        }

        foreach (var o in outputs.Where(o => !g.Outputs.ContainsKey(o)))
        {
            Fail($"graphs.{role}.outputs has no '{o}' entry");
        }
    }

    private void Positive(string field, int value)
    {
        if (value <= 0)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"{field} must be positive, got {value}"));
        }
    }

    private void Fail(string what) => throw new ModelPackageException($"{Where}: {what}.");

    /// <summary>Derives a manifest for a transformers.js LLaVA export from its <c>config.json</c>.</summary>
    private static class TransformersJsLayout
    {
        public static ModelManifest CreateManifest(string directory)
        {
            var configPath = Path.Combine(directory, "config.json");
            if (!File.Exists(configPath))
            {
                throw new ModelPackageException($"transformers.js package '{directory}' has no config.json.");
            }

            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
                var root = doc.RootElement;
                var text = root.GetProperty("text_config");
                var vision = root.GetProperty("vision_config");
                int Int(JsonElement e, string name, int fallback) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;
                var heads = Int(text, "num_attention_heads", 32);
                var hidden = Int(text, "hidden_size", 4096);
                var imageSize = Int(vision, "image_size", 336);
                var patch = Int(vision, "patch_size", 14);
                var visionLayers = Int(vision, "num_hidden_layers", 24);
                var featureLayer = Int(root, "vision_feature_layer", -2);
                var grid = imageSize / patch;
                var tokenizerFile = File.Exists(Path.Combine(directory, "tokenizer.json")) ? "tokenizer.json" : "tokenizer.model";
                var eos = Int(text, "eos_token_id", Int(root, "eos_token_id", 2));
                return new ModelManifest
                {
                    Family = "llava",
                    Name = new DirectoryInfo(directory).Name,
                    Graphs =
                    {
                        [VisionEncoderRole] = new GraphManifest { File = Path.Combine("onnx", "vision_encoder.onnx"), Inputs = { ["pixel_values"] = "pixel_values" }, Outputs = { ["features"] = "image_features" } },
                        [EmbedTokensRole] = new GraphManifest { File = Path.Combine("onnx", "embed_tokens.onnx"), Inputs = { ["input_ids"] = "input_ids" }, Outputs = { ["inputs_embeds"] = "inputs_embeds" } },
                        [DecoderRole] = new GraphManifest
                        {
                            File = Path.Combine("onnx", "decoder_model_merged.onnx"),
                            Inputs = { ["inputs_embeds"] = "inputs_embeds", ["attention_mask"] = "attention_mask", ["position_ids"] = "position_ids", ["past_key"] = "past_key_values.{0}.key", ["past_value"] = "past_key_values.{0}.value" },
                            Outputs = { ["logits"] = "logits", ["present_key"] = "present.{0}.key", ["present_value"] = "present.{0}.value" },
                        },
                    },
                    Vision = new VisionManifest
                    {
                        ImageSize = imageSize,
                        PatchSize = patch,
                        GridHeight = grid,
                        GridWidth = grid,
                        VisualTokensPerImage = grid * grid,
                        HiddenSize = hidden,
                        NumLayers = featureLayer < 0 ? visionLayers + 1 + featureLayer : featureLayer,
                        NumHeads = Int(vision, "num_attention_heads", 16),
                        FeatureLayer = (featureLayer < 0 ? visionLayers + 1 + featureLayer : featureLayer) - 1,
                        FeaturesProjected = true,
                    },
                    Preprocessing = new PreprocessingManifest { ShortestEdge = imageSize, CropHeight = imageSize, CropWidth = imageSize },
                    Text = new TextManifest
                    {
                        HiddenSize = hidden,
                        NumLayers = Int(text, "num_hidden_layers", 32),
                        NumHeads = heads,
                        NumKvHeads = Int(text, "num_key_value_heads", heads),
                        HeadDim = Int(text, "head_dim", hidden / heads),
                        VocabSize = Int(text, "vocab_size", Int(root, "vocab_size", 32000)),
                        ContextLength = Int(text, "max_position_embeddings", 2048),
                        IntermediateSize = Int(text, "intermediate_size", 11008),
                    },
                    Tokenizer = new TokenizerManifest { File = tokenizerFile },
                    ChatTemplate = tokenizerFile == "tokenizer.json" ? "chatml" : "llava-v1",
                    SpecialTokens = new SpecialTokensManifest
                    {
                        Bos = Int(text, "bos_token_id", Int(root, "bos_token_id", 1)),
                        Eos = new List<int> { eos },
                        Pad = Int(root, "pad_token_id", -1),
                        Image = Int(root, "image_token_index", Int(root, "image_token_id", 32000)),
                    },
                    Source = { ["layout"] = "transformers.js" },
                };
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ModelPackageException($"'{configPath}' is not a usable LLaVA config: {ex.Message}", ex);
            }
        }
    }
}
