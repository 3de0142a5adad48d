using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Qwen;
using LocalModel.Builder.Safetensors;
using LocalModel.Builder.Text;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Builder;

/// <summary>
/// Builds a model package from a Qwen2.5-VL checkpoint in the HuggingFace hub layout (<c>config.json</c>,
/// <c>model.safetensors</c> or shards in f32, f16 or bf16, <c>tokenizer.json</c>, <c>preprocessor_config.json</c>): the
/// vision tower with its merger as one graph over dynamic-resolution images (it also outputs each merged token's
/// received attention, for pruning without [CLS]), the token embedding, and the Qwen2 decoder with M-RoPE positions
/// <c>[3, batch, seq]</c> (plus staged graphs for FastV and PyramidDrop when asked). The package is written to a
/// temporary folder and moved into place at the end, so a failed build leaves nothing behind.
/// </summary>
public sealed class Qwen25VlPackageBuilder
{
    /// <summary>The manifest family of the packages this builder writes.</summary>
    public const string Family = "qwen2_5_vl";

    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="Qwen25VlPackageBuilder"/> class.</summary>
    public Qwen25VlPackageBuilder(ILogger<Qwen25VlPackageBuilder>? logger = null) => _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Builds the package and returns its manifest.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint lacks a required file.</exception>
    /// <exception cref="InvalidDataException">The checkpoint's config, tokenizer or tensors are malformed or unsupported.</exception>
    /// <exception cref="ArgumentException">An option does not apply to this family (the fused flavour, the GenAI decoder, [CLS] layers).</exception>
    /// <exception cref="IOException">The output folder exists and is not empty, and <see cref="PackageBuildOptions.Overwrite"/> is false.</exception>
    public ModelManifest Build(string checkpointDirectory, string outputDirectory, PackageBuildOptions? options = null, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= new PackageBuildOptions();
        var (quantization, storage, fused) = PackageWriter.CheckOptions(options);
        if (fused)
        {
            throw new ArgumentException("The fused decoder flavour takes one position stream (RotaryEmbedding); Qwen2.5-VL's decoder uses M-RoPE over three. Build with --decoder standard.", nameof(options));
        }

        if (options.WithGenAiDecoder)
        {
            throw new ArgumentException("The ONNX Runtime GenAI side-by-side decoder is written for LLaVA packages only; build Qwen2.5-VL without it.", nameof(options));
        }

        if (options.ClsAttentionLayers.Count > 0)
        {
            throw new ArgumentException("Qwen2.5-VL's vision tower has no [CLS] token, so there are no [CLS] attention layers to export; its graph outputs each merged token's received attention instead.", nameof(options));
        }

        var output = PackageWriter.CheckFolders(checkpointDirectory, outputDirectory, options);
        var config = Qwen25VlConfig.Load(Path.Combine(checkpointDirectory, "config.json"));
        var tokenizerFile = PackageWriter.TokenizerFile(checkpointDirectory, "tokenizer.json");
        var imageText = ImageText(Path.Combine(checkpointDirectory, tokenizerFile), config);
        var preprocessing = ReadPreprocessing(Path.Combine(checkpointDirectory, "preprocessor_config.json"), config.Vision);
        var boundaries = PackageWriter.StageBoundaries(options, config.Text.Layers);
        return PackageWriter.Stage(output, staging =>
        {
            using var checkpoint = SafetensorsCheckpoint.Open(checkpointDirectory);
            var weights = CheckpointWeights.ForQwen2Vl(checkpoint, storage == "fp16");
            var layers = new GraphLayers(weights, quantization);
            var text = new TextDecoderGraphWriter(config.Text, layers);
            var graphs = new List<(string Role, string File, OnnxGraph Graph)>
            {
                ("vision_encoder", "vision_encoder.onnx", new Qwen25VlVisionGraphWriter(config.Vision, layers).VisionEncoder()),
                ("embed_tokens", "embed_tokens.onnx", text.EmbedTokens()),
                ("decoder", "decoder.onnx", text.Decoder()),
            };
            PackageWriter.AddStageGraphs(graphs, text, boundaries, config.Text.Layers);
            var table = PackageWriter.SaveGraphs(staging, graphs, weights, config.Text, storage, _logger, progress, cancellationToken);
            PackageWriter.CopyTokenizer(checkpointDirectory, staging, tokenizerFile);
            var manifest = CreateManifest(config, checkpointDirectory, tokenizerFile, imageText, preprocessing, options);
            manifest.Text.EmbeddingTable = table;
            manifest.Quantization = quantization is null ? null : PackageWriter.QuantizationRecord(quantization, graphs.Select(g => g.Role), storage, new[] { "embed_tokens", "lm_head", "norms", "vision_blocks" }, new[] { "embed_tokens" });
            PackageWriter.AddStageManifests(manifest, boundaries, config.Text.Layers);
            return manifest;
        });
    }

    private static ModelManifest CreateManifest(Qwen25VlConfig config, string checkpointDirectory, string tokenizerFile, string imageText, PreprocessingManifest preprocessing, PackageBuildOptions options)
    {
        var t = config.Text;
        var v = config.Vision;
        var factor = v.PatchSize * v.SpatialMergeSize;
        var decoder = PackageWriter.DecoderManifest();
        return new ModelManifest
        {
            Family = Family,
            Name = options.Name ?? new DirectoryInfo(checkpointDirectory).Name,
            DType = options.DType,
            Graphs =
            {
                ["vision_encoder"] = new GraphManifest
                {
                    File = "vision_encoder.onnx",
                    Inputs =
                    {
                        ["pixel_values"] = Qwen25VlVisionGraphWriter.PixelValues,
                        ["patch_positions"] = Qwen25VlVisionGraphWriter.PatchPositions,
                        ["window_index"] = Qwen25VlVisionGraphWriter.WindowIndex,
                        ["window_rows"] = Qwen25VlVisionGraphWriter.WindowRows,
                        ["window_scatter"] = Qwen25VlVisionGraphWriter.WindowScatter,
                        ["reverse_index"] = Qwen25VlVisionGraphWriter.ReverseIndex,
                    },
                    Outputs =
                    {
                        ["features"] = Qwen25VlVisionGraphWriter.ImageFeatures,
                        ["received_attention"] = Qwen25VlVisionGraphWriter.TokenImportance,
                        ["patch_hidden"] = Qwen25VlVisionGraphWriter.PatchHidden,
                    },
                },
                ["embed_tokens"] = new GraphManifest { File = "embed_tokens.onnx", Inputs = { ["input_ids"] = "input_ids" }, Outputs = { ["inputs_embeds"] = "inputs_embeds" } },
                ["decoder"] = decoder,
            },
            Vision = new VisionManifest
            {
                PatchSize = v.PatchSize,
                MergeSize = v.SpatialMergeSize,
                TemporalPatchSize = v.TemporalPatchSize,
                WindowSize = v.WindowSize,
                VisualTokensPerImage = (int)Math.Min(int.MaxValue, preprocessing.MaxPixels / ((long)factor * factor)),
                HiddenSize = v.HiddenSize,
                NumLayers = v.Depth,
                NumHeads = v.Heads,
                FeatureLayer = v.Depth - 1,
                FeaturesProjected = true,
            },
            Preprocessing = preprocessing,
            Text = new TextManifest
            {
                HiddenSize = t.HiddenSize,
                NumLayers = t.Layers,
                NumHeads = t.Heads,
                NumKvHeads = t.KvHeads,
                HeadDim = t.HeadDim,
                VocabSize = t.VocabSize,
                ContextLength = t.ContextLength,
                IntermediateSize = t.IntermediateSize,
                PositionStreams = 3,
            },
            Tokenizer = new TokenizerManifest { File = tokenizerFile },
            ChatTemplate = "qwen2.5-vl",
            Coordinates = ModelManifest.CoordinatesAbsoluteResized,
            SpecialTokens = new SpecialTokensManifest
            {
                Bos = -1,
                Eos = EndOfSequenceIds(checkpointDirectory, t.EosTokenId),
                Pad = config.PadTokenId,
                Image = config.ImageTokenId,
                ImageText = imageText,
            },
            Source = PackageWriter.Source(checkpointDirectory),
        };
    }

    /// <summary>The ids generation stops at: <c>generation_config.json</c>'s <c>eos_token_id</c> list when present, else the config's.</summary>
    private static List<int> EndOfSequenceIds(string checkpointDirectory, int configEos)
    {
        var ids = new List<int> { configEos };
        var path = Path.Combine(checkpointDirectory, "generation_config.json");
        if (File.Exists(path))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.TryGetProperty("eos_token_id", out var e))
            {
                var values = e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : new[] { e };
                ids.AddRange(values.Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()));
            }
        }

        return ids.Distinct().ToList();
    }

    /// <summary>
    /// The text one image stands for in a prompt, <c>&lt;|vision_start|&gt;&lt;|image_pad|&gt;&lt;|vision_end|&gt;</c> for
    /// Qwen2.5-VL, spelled from the tokenizer's own added tokens so the prompt encodes to the three ids the config names.
    /// </summary>
    private static string ImageText(string tokenizerPath, Qwen25VlConfig config)
    {
        var added = TokenizerAddedTokens.Read(tokenizerPath);
        string Content(int id, string field) => added.TryGetValue(id, out var c)
            ? c
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{tokenizerPath}' has no added token with id {id} (config.json's {field}); the tokenizer does not belong to this checkpoint."));

        return Content(config.VisionStartTokenId, "vision_start_token_id") + Content(config.ImageTokenId, "image_token_id") + Content(config.VisionEndTokenId, "vision_end_token_id");
    }

    /// <summary>Reads <c>preprocessor_config.json</c> (Qwen2VLImageProcessor) into a <c>smart_resize</c> section; HF defaults when absent.</summary>
    private static PreprocessingManifest ReadPreprocessing(string path, Qwen25VlConfig.VisionSettings vision)
    {
        var p = new PreprocessingManifest
        {
            Mode = PreprocessingManifest.SmartResizeMode,
            DoCenterCrop = false,
            ResizeFactor = vision.PatchSize * vision.SpatialMergeSize,
            MinPixels = 56 * 56,
            MaxPixels = 28 * 28 * 1280,
        };
        if (!File.Exists(path))
        {
            return p;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var r = new ConfigJsonReader(path, doc.RootElement, string.Empty);
        var size = r.OptionalObject("size") is { } s ? new ConfigJsonReader(path, s, "size.") : (ConfigJsonReader?)null;
        p.MinPixels = r.Has("min_pixels") ? (long)r.Double("min_pixels", 0) : (long)(size?.Double("shortest_edge", p.MinPixels) ?? p.MinPixels);
        p.MaxPixels = r.Has("max_pixels") ? (long)r.Double("max_pixels", 0) : (long)(size?.Double("longest_edge", p.MaxPixels) ?? p.MaxPixels);
        p.DoResize = r.Bool("do_resize", true);
        p.DoRescale = r.Bool("do_rescale", true);
        p.DoNormalize = r.Bool("do_normalize", true);
        p.RescaleFactor = r.Double("rescale_factor", 1.0 / 255.0);
        p.Resample = r.Int("resample", 3) switch
        {
            3 => "bicubic",
            2 => "bilinear",
            var other => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}': resample {other} is not supported (3 bicubic, 2 bilinear).")),
        };
        if (doc.RootElement.TryGetProperty("image_mean", out var mean) && mean.ValueKind == JsonValueKind.Array)
        {
            p.ImageMean = mean.EnumerateArray().Select(x => x.GetDouble()).ToList();
        }

        if (doc.RootElement.TryGetProperty("image_std", out var std) && std.ValueKind == JsonValueKind.Array)
        {
            p.ImageStd = std.EnumerateArray().Select(x => x.GetDouble()).ToList();
        }

        foreach (var (field, value, expected) in new[] { ("patch_size", r.Int("patch_size", vision.PatchSize), vision.PatchSize), ("merge_size", r.Int("merge_size", vision.SpatialMergeSize), vision.SpatialMergeSize), ("temporal_patch_size", r.Int("temporal_patch_size", vision.TemporalPatchSize), vision.TemporalPatchSize) })
        {
            if (value != expected)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}': {field} {value} differs from config.json's vision_config value {expected}."));
            }
        }

        if (!p.DoResize)
        {
            throw new InvalidDataException($"'{path}': do_resize is false; images must be resized to multiples of {p.ResizeFactor} for the patch grid.");
        }

        if (p.MinPixels <= 0 || p.MaxPixels < p.MinPixels)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}': min_pixels {p.MinPixels} and max_pixels {p.MaxPixels} must satisfy 0 < min <= max."));
        }

        return p;
    }
}
