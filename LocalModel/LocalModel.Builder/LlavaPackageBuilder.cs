using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModel.Builder.GenAi;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Quantization;
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
    private static readonly string[] TokenizerSideFiles = { "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "generation_config.json" };
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
        if (options.DType is not ("fp32" or "fp16" or "int4" or "int8"))
        {
            throw new ArgumentException($"dtype '{options.DType}' is not supported (fp32, fp16, int4, int8).", nameof(options));
        }

        if (options.UnquantizedDType is not ("fp32" or "fp16"))
        {
            throw new ArgumentException($"The storage type '{options.UnquantizedDType}' for unquantized weights is not supported (fp32, fp16).", nameof(options));
        }

        var quantization = options.DType is "int4" or "int8"
            ? WeightQuantization.Create(options.DType == "int4" ? 4 : 8, options.QuantizationBlockSize, options.QuantizationAccuracyLevel)
            : null;
        if (options.DecoderFlavour is not ("standard" or "fused"))
        {
            throw new ArgumentException($"Decoder flavour '{options.DecoderFlavour}' is not supported (standard, fused).", nameof(options));
        }

        var fused = options.DecoderFlavour == "fused";
        var storage = quantization is null ? options.DType : options.UnquantizedDType;

        if (!Directory.Exists(checkpointDirectory))
        {
            throw new DirectoryNotFoundException($"Checkpoint folder '{checkpointDirectory}' does not exist.");
        }

        var output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !options.Overwrite)
        {
            throw new IOException($"Output folder '{output}' exists and is not empty; choose another or allow overwriting.");
        }

        var config = LlavaConfig.Load(Path.Combine(checkpointDirectory, "config.json"));
        var featureLayer = config.FeatureLayerCount - 1;
        var clsLayers = options.ClsAttentionLayers.Count == 0 ? new SortedSet<int> { featureLayer } : new SortedSet<int>(options.ClsAttentionLayers);
        var badLayer = clsLayers.FirstOrDefault(l => l < 0 || l > featureLayer, int.MinValue);
        if (badLayer != int.MinValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"[CLS] attention layer {badLayer} is outside 0..{featureLayer} (the layers the vision encoder runs up to the feature layer)."), nameof(options));
        }

        var tokenizerFile = new[] { "tokenizer.model", "tokenizer.json" }.FirstOrDefault(f => File.Exists(Path.Combine(checkpointDirectory, f)))
            ?? throw new FileNotFoundException($"Checkpoint folder '{checkpointDirectory}' has neither tokenizer.model nor tokenizer.json.");

        var staging = output + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
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
            var boundaries = options.DecoderStageBoundaries.Distinct().OrderBy(b => b).ToList();
            if (boundaries.Any(b => b < 1 || b >= config.Text.Layers))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Decoder stage boundaries must lie in 1..{config.Text.Layers - 1}; got {string.Join(",", boundaries)}."), nameof(options));
            }

            if (boundaries.Count > 0)
            {
                if (fused)
                {
                    _logger.LogInformation("The staged decoder graphs (FastV, PyramidDrop) use the standard decoder: GroupQueryAttention does not output the attention probabilities they score with");
                }

                var starts = new List<int> { 0 };
                starts.AddRange(boundaries);
                for (var s = 0; s < starts.Count; s++)
                {
                    var end = s + 1 < starts.Count ? starts[s + 1] : config.Text.Layers;
                    var name = string.Create(CultureInfo.InvariantCulture, $"decoder_stage_{s}");
                    graphs.Add((name, name + ".onnx", writer.Text.DecoderStage(starts[s], end, name)));
                }
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
            var total = weights.TotalBytes;
            long done = 0;
            EmbeddingTableManifest? table = null;
            foreach (var (role, file, graph) in graphs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _logger.LogInformation("Writing {Graph} ({Nodes} nodes, {Initializers} initializers)", role, graph.Nodes.Count, graph.Initializers.Count);
                progress?.Report(new BuildProgress(role, done, total));
                var locations = graph.Save(Path.Combine(staging, file), new Progress(bytes =>
                {
                    done += bytes;
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new BuildProgress(role, done, total));
                }));
                if (role == "embed_tokens" && locations.TryGetValue(weights.Text("embed_tokens.weight"), out var where))
                {
                    table = new EmbeddingTableManifest { File = where.DataFile, Offset = where.Offset, DType = storage, Rows = config.Text.VocabSize, Cols = config.Text.HiddenSize };
                }
            }

            File.Copy(Path.Combine(checkpointDirectory, tokenizerFile), Path.Combine(staging, tokenizerFile));
            foreach (var side in TokenizerSideFiles.Where(f => File.Exists(Path.Combine(checkpointDirectory, f))))
            {
                File.Copy(Path.Combine(checkpointDirectory, side), Path.Combine(staging, side));
            }

            var manifest = CreateManifest(config, checkpointDirectory, tokenizerFile, clsLayers, options);
            manifest.Text.EmbeddingTable = table;
            manifest.Text.DecoderFlavour = options.DecoderFlavour;
            manifest.Quantization = quantization is null ? null : QuantizationRecord(quantization, graphs.Select(g => g.Role), storage);
            if (boundaries.Count > 0)
            {
                manifest.Text.StageBoundaries = boundaries;
                for (var s = 0; s <= boundaries.Count; s++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"decoder_stage_{s}");
                    var first = s == 0 ? 0 : boundaries[s - 1];
                    var end = s < boundaries.Count ? boundaries[s] : config.Text.Layers;
                    var g = new GraphManifest { File = name + ".onnx" };
                    g.Inputs[s == 0 ? "inputs_embeds" : "hidden_states"] = s == 0 ? "inputs_embeds" : "hidden_states";
                    g.Inputs["attention_mask"] = "attention_mask";
                    g.Inputs["position_ids"] = "position_ids";
                    g.Inputs["past_key"] = "past_key_values.{0}.key";
                    g.Inputs["past_value"] = "past_key_values.{0}.value";
                    g.Outputs["present_key"] = "present.{0}.key";
                    g.Outputs["present_value"] = "present.{0}.value";
                    if (end == config.Text.Layers)
                    {
                        g.Outputs["logits"] = "logits";
                    }
                    else
                    {
                        g.Outputs["hidden_states"] = "last_hidden_state";
                        g.Outputs["last_query_attention"] = "last_query_attention";
                    }

                    manifest.Graphs[name] = g;
                }
            }
            ModelManifestSerializer.Save(manifest, Path.Combine(staging, ModelManifest.FileName));
            progress?.Report(new BuildProgress("done", total, total));
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.Move(staging, output);
            return manifest;
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    private static ModelManifest CreateManifest(LlavaConfig config, string checkpointDirectory, string tokenizerFile, SortedSet<int> clsLayers, PackageBuildOptions options)
    {
        var t = config.Text;
        var v = config.Vision;
        var decoderInputs = new Dictionary<string, string>
        {
            ["inputs_embeds"] = "inputs_embeds",
            ["attention_mask"] = "attention_mask",
            ["position_ids"] = "position_ids",
            ["past_key"] = "past_key_values.{0}.key",
            ["past_value"] = "past_key_values.{0}.value",
        };
        var decoderOutputs = new Dictionary<string, string>
        {
            ["logits"] = "logits",
            ["present_key"] = "present.{0}.key",
            ["present_value"] = "present.{0}.value",
        };
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
                ["decoder"] = new GraphManifest { File = "decoder.onnx", Inputs = decoderInputs, Outputs = decoderOutputs },
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
            Source =
            {
                ["checkpoint"] = Path.GetFullPath(checkpointDirectory),
                ["builder"] = typeof(LlavaPackageBuilder).Assembly.GetName().Version?.ToString() ?? "0",
                ["built_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            },
        };
    }

    private static QuantizationManifest QuantizationRecord(WeightQuantization q, IEnumerable<string> roles, string storage) => new()
    {
        Method = WeightQuantization.MethodName,
        Op = OnnxGraph.MicrosoftDomain + ".MatMulNBits",
        Bits = q.Bits,
        BlockSize = q.BlockSize,
        AccuracyLevel = q.AccuracyLevel,
        Graphs = roles.Where(r => r is not ("vision_encoder" or "embed_tokens")).ToList(),
        Unquantized = new List<string> { "embed_tokens", "lm_head", "norms", "vision_encoder" },
        UnquantizedDType = storage,
    };

    private static PreprocessingManifest ReadPreprocessing(string path, int imageSize)
    {
        // Without a preprocessor_config.json, CLIP preprocessing at the vision tower's own resolution.
        var options = File.Exists(path)
            ? ImagePreprocessingOptions.FromPreprocessorConfig(path)
            : new ImagePreprocessingOptions { ShortestEdge = imageSize, CropHeight = imageSize, CropWidth = imageSize };
        return ImagePipeline.ToManifest(options);
    }

    private sealed class Progress : IProgress<long>
    {
        private readonly Action<long> _report;

        public Progress(Action<long> report) => _report = report;

        public void Report(long value) => _report(value);
    }
}
