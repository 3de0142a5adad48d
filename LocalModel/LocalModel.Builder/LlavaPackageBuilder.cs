using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModel.Builder.GenAi;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Safetensors;
using LocalModel.Generation;
using LocalModel.Imaging;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Builder;

/// <summary>
/// Builds a model package from a HuggingFace llava-hf checkpoint folder (<c>config.json</c>,
/// <c>model.safetensors</c> or shards, tokenizer files, <c>preprocessor_config.json</c>): four ONNX graphs
/// with external weights, the tokenizer files and a <see cref="ModelManifest"/>. The package is written
/// to a temporary folder and moved into place at the end, so a failed build leaves nothing behind.
/// </summary>
public sealed class LlavaPackageBuilder
{
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="LlavaPackageBuilder"/> class.</summary>
    public LlavaPackageBuilder(ILogger<LlavaPackageBuilder>? logger = null) => _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Builds the package and returns its manifest.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint lacks a required file.</exception>
    /// <exception cref="InvalidDataException">The checkpoint's config or tensors are malformed or unsupported.</exception>
    /// <exception cref="IOException">The output folder exists and is not empty, and <see cref="PackageBuildOptions.Overwrite"/> is false.</exception>
    public ModelManifest Build(string checkpointDirectory, string outputDirectory, PackageBuildOptions? options = null, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= new PackageBuildOptions();
        var (quantization, storage, fused) = PackageWriter.CheckOptions(options);
        var output = PackageWriter.CheckFolders(checkpointDirectory, outputDirectory, options);
        var config = LlavaConfig.Load(Path.Combine(checkpointDirectory, "config.json"));
        var featureLayer = config.FeatureLayerCount - 1;
        var clsLayers = options.ClsAttentionLayers.Count == 0 ? new SortedSet<int> { featureLayer } : new SortedSet<int>(options.ClsAttentionLayers);
        var badLayer = clsLayers.FirstOrDefault(l => l < 0 || l > featureLayer, int.MinValue);
        if (badLayer != int.MinValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"[CLS] attention layer {badLayer} is outside 0..{featureLayer} (the layers the vision encoder runs up to the feature layer)."), nameof(options));
        }

        var tokenizerFile = PackageWriter.TokenizerFile(checkpointDirectory, "tokenizer.model", "tokenizer.json");
        var boundaries = PackageWriter.StageBoundaries(options, config.Text.Layers);
        return PackageWriter.Stage(output, staging =>
        {
            using var checkpoint = SafetensorsCheckpoint.Open(checkpointDirectory);
            var weights = new CheckpointWeights(checkpoint, storage == "fp16");
            var writer = new LlavaGraphWriter(config, weights, quantization);
            var graphs = new List<(string Role, string File, OnnxGraph Graph)>
            {
                ("vision_encoder", "vision_encoder.onnx", writer.VisionEncoder(clsLayers)),
                ("projector", "projector.onnx", writer.Projector()),
                ("embed_tokens", "embed_tokens.onnx", writer.Text.EmbedTokens()),
                ("decoder", "decoder.onnx", fused ? writer.Text.FusedDecoder() : writer.Text.Decoder()),
            };
            if (boundaries.Count > 0)
            {
                if (fused)
                {
                    _logger.LogInformation("The staged decoder graphs (FastV, PyramidDrop) use the standard decoder: GroupQueryAttention does not output the attention probabilities they score with");
                }

                PackageWriter.AddStageGraphs(graphs, writer.Text, boundaries, config.Text.Layers);
            }

            if (options.WithGenAiDecoder)
            {
                Directory.CreateDirectory(Path.Combine(staging, "genai"));
                graphs.Add(("genai_decoder", Path.Combine("genai", "model.onnx"), fused ? writer.Text.FusedDecoder(tokenIdsInput: true) : writer.Text.Decoder(tokenIdsInput: true)));
                var t = config.Text;
                GenAiConfigWriter.Write(
                    new GenAiDecoderSpec(t.Layers, t.Heads, t.KvHeads, t.HeadDim, t.HiddenSize, t.VocabSize, t.ContextLength, t.BosTokenId, new[] { t.EosTokenId }, Math.Max(config.PadTokenId, 0), "model.onnx") { PastPresentShareBuffer = fused },
                    Path.Combine(staging, "genai"));
            }

            var table = PackageWriter.SaveGraphs(staging, graphs, weights, config.Text, storage, _logger, progress, cancellationToken);
            PackageWriter.CopyTokenizer(checkpointDirectory, staging, tokenizerFile);
            var manifest = CreateManifest(config, checkpointDirectory, tokenizerFile, clsLayers, options);
            manifest.Text.EmbeddingTable = table;
            manifest.Text.DecoderFlavour = options.DecoderFlavour;
            manifest.Quantization = quantization is null ? null : PackageWriter.QuantizationRecord(quantization, graphs.Select(g => g.Role), storage, new[] { "embed_tokens", "lm_head", "norms", "vision_encoder" }, new[] { "vision_encoder", "embed_tokens" });
            PackageWriter.AddStageManifests(manifest, boundaries, config.Text.Layers);
            return manifest;
        });
    }

    private static ModelManifest CreateManifest(LlavaConfig config, string checkpointDirectory, string tokenizerFile, SortedSet<int> clsLayers, PackageBuildOptions options)
    {
        var t = config.Text;
        var v = config.Vision;
        var visionOutputs = new Dictionary<string, string> { ["features"] = "patch_features" };
        foreach (var l in clsLayers)
        {
            visionOutputs[string.Create(CultureInfo.InvariantCulture, $"cls_attention.{l}")] = LlavaGraphWriter.ClsAttentionOutputName(l);
        }

        var grid = v.GridSize;
        return new ModelManifest
        {
            Family = "llava",
            Name = options.Name ?? new DirectoryInfo(checkpointDirectory).Name,
            DType = options.DType,
            Graphs =
            {
                ["vision_encoder"] = new GraphManifest { File = "vision_encoder.onnx", Inputs = { ["pixel_values"] = "pixel_values" }, Outputs = visionOutputs },
                ["projector"] = new GraphManifest { File = "projector.onnx", Inputs = { ["features"] = "patch_features" }, Outputs = { ["image_features"] = "image_features" } },
                ["embed_tokens"] = new GraphManifest { File = "embed_tokens.onnx", Inputs = { ["input_ids"] = "input_ids" }, Outputs = { ["inputs_embeds"] = "inputs_embeds" } },
                ["decoder"] = PackageWriter.DecoderManifest(),
            },
            Vision = new VisionManifest
            {
                ImageSize = v.ImageSize,
                PatchSize = v.PatchSize,
                GridHeight = grid,
                GridWidth = grid,
                VisualTokensPerImage = (grid * grid) + (config.DropCls ? 0 : 1),
                HiddenSize = v.HiddenSize,
                NumLayers = config.FeatureLayerCount,
                NumHeads = v.Heads,
                FeatureLayer = config.FeatureLayerCount - 1,
                ClsAttentionLayers = clsLayers.ToList(),
                FeaturesProjected = false,
            },
            Preprocessing = ReadPreprocessing(Path.Combine(checkpointDirectory, "preprocessor_config.json"), v.ImageSize),
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
            },
            Tokenizer = new TokenizerManifest { File = tokenizerFile },
            ChatTemplate = "llava-v1",
            SpecialTokens = new SpecialTokensManifest
            {
                Bos = t.BosTokenId,
                Eos = new List<int> { t.EosTokenId },
                Pad = config.PadTokenId,
                Image = config.ImageTokenIndex,
                ImageText = "<image>",
            },
            Source = PackageWriter.Source(checkpointDirectory),
        };
    }

    private static PreprocessingManifest ReadPreprocessing(string path, int imageSize)
    {
        // Without a preprocessor_config.json, CLIP preprocessing at the vision tower's own resolution.
        var options = File.Exists(path)
            ? ImagePreprocessingOptions.FromPreprocessorConfig(path)
            : new ImagePreprocessingOptions { ShortestEdge = imageSize, CropHeight = imageSize, CropWidth = imageSize };
        return ImagePipeline.ToManifest(options);
    }
}
