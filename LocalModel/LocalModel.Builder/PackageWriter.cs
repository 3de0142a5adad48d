using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Quantization;
using LocalModel.Builder.Text;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;

namespace LocalModel.Builder;

/// <summary>
/// What every family's package builder shares: option checks, the staging folder that becomes the package only when
/// the build succeeds, writing the graphs with progress and cancellation, the tokenizer files, the staged decoder graphs
/// of in-LLM pruning, and the quantization record.
/// </summary>
internal static class PackageWriter
{
    private static readonly string[] TokenizerSideFiles = { "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "generation_config.json", "chat_template.json" };

    /// <summary>Validates the options that do not depend on the checkpoint; returns the quantization (or null) and the storage type.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static (WeightQuantization? Quantization, string Storage, bool Fused) CheckOptions(PackageBuildOptions options)
    {
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

        return (quantization, quantization is null ? options.DType : options.UnquantizedDType, options.DecoderFlavour == "fused");
    }

    /// <summary>Checks the folders: the checkpoint exists, the output is absent or empty (unless overwriting).</summary>
    public static string CheckFolders(string checkpointDirectory, string outputDirectory, PackageBuildOptions options)
    {
        if (!Directory.Exists(checkpointDirectory))
        {
            throw new DirectoryNotFoundException($"Checkpoint folder '{checkpointDirectory}' does not exist.");
        }

        var output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !options.Overwrite)
        {
            throw new IOException($"Output folder '{output}' exists and is not empty; choose another or allow overwriting.");
        }

        return output;
    }

    /// <summary>Returns the tokenizer file the checkpoint has (<c>tokenizer.model</c> or <c>tokenizer.json</c>).</summary>
    public static string TokenizerFile(string checkpointDirectory, params string[] candidates) =>
        candidates.FirstOrDefault(f => File.Exists(Path.Combine(checkpointDirectory, f)))
            ?? throw new FileNotFoundException($"Checkpoint folder '{checkpointDirectory}' has none of {string.Join(", ", candidates)}.");

    /// <summary>
    /// Runs <paramref name="write"/> into a fresh staging folder next to <paramref name="output"/>, saves the manifest it
    /// returns, and moves the folder into place; on any failure the staging folder is deleted and nothing is left behind.
    /// </summary>
    public static ModelManifest Stage(string output, Func<string, ModelManifest> write)
    {
        var staging = output + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = write(staging);
            ModelManifestSerializer.Save(manifest, Path.Combine(staging, ModelManifest.FileName));
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

    /// <summary>
    /// Writes the graphs with external weights, reporting bytes as they stream; returns where the token embedding's
    /// table landed (the runtime memory-maps it) when the <c>embed_tokens</c> graph is among them.
    /// </summary>
    public static EmbeddingTableManifest? SaveGraphs(string staging, IReadOnlyList<(string Role, string File, OnnxGraph Graph)> graphs, CheckpointWeights weights, LlavaConfig.TextSettings text, string storage, ILogger logger, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var total = weights.TotalBytes;
        long done = 0;
        EmbeddingTableManifest? table = null;
        foreach (var (role, file, graph) in graphs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogInformation("Writing {Graph} ({Nodes} nodes, {Initializers} initializers)", role, graph.Nodes.Count, graph.Initializers.Count);
            progress?.Report(new BuildProgress(role, done, total));
            var locations = graph.Save(Path.Combine(staging, file), new BytesProgress(bytes =>
            {
                done += bytes;
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new BuildProgress(role, done, total));
            }));
            if (role == "embed_tokens" && locations.TryGetValue(weights.Text("embed_tokens.weight"), out var where))
            {
                table = new EmbeddingTableManifest { File = where.DataFile, Offset = where.Offset, DType = storage, Rows = text.VocabSize, Cols = text.HiddenSize };
            }
        }

        progress?.Report(new BuildProgress("done", total, total));
        return table;
    }

    /// <summary>Copies the tokenizer file and the side files the checkpoint has.</summary>
    public static void CopyTokenizer(string checkpointDirectory, string staging, string tokenizerFile)
    {
        File.Copy(Path.Combine(checkpointDirectory, tokenizerFile), Path.Combine(staging, tokenizerFile));
        foreach (var side in TokenizerSideFiles.Where(f => File.Exists(Path.Combine(checkpointDirectory, f))))
        {
            File.Copy(Path.Combine(checkpointDirectory, side), Path.Combine(staging, side));
        }
    }

    /// <summary>Validates and sorts the stage boundaries of in-LLM pruning for a decoder of <paramref name="layers"/> layers.</summary>
    public static List<int> StageBoundaries(PackageBuildOptions options, int layers)
    {
        var boundaries = options.DecoderStageBoundaries.Distinct().OrderBy(b => b).ToList();
        if (boundaries.Any(b => b < 1 || b >= layers))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Decoder stage boundaries must lie in 1..{layers - 1}; got {string.Join(",", boundaries)}."), nameof(options));
        }

        return boundaries;
    }

    /// <summary>Adds one staged decoder graph per stage (FastV, PyramidDrop) to <paramref name="graphs"/>.</summary>
    public static void AddStageGraphs(List<(string Role, string File, OnnxGraph Graph)> graphs, TextDecoderGraphWriter writer, IReadOnlyList<int> boundaries, int layers)
    {
        var starts = new List<int> { 0 };
        starts.AddRange(boundaries);
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1] : layers;
            var name = StageName(s);
            graphs.Add((name, name + ".onnx", writer.DecoderStage(starts[s], end, name)));
        }
    }

    /// <summary>The decoder graph's manifest entry: its inputs and outputs by role.</summary>
    public static GraphManifest DecoderManifest() => new()
    {
        File = "decoder.onnx",
        Inputs =
        {
            ["inputs_embeds"] = "inputs_embeds",
            ["attention_mask"] = "attention_mask",
            ["position_ids"] = "position_ids",
            ["past_key"] = "past_key_values.{0}.key",
            ["past_value"] = "past_key_values.{0}.value",
        },
        Outputs =
        {
            ["logits"] = "logits",
            ["present_key"] = "present.{0}.key",
            ["present_value"] = "present.{0}.value",
        },
    };

    /// <summary>Records the staged graphs in the manifest.</summary>
    public static void AddStageManifests(ModelManifest manifest, IReadOnlyList<int> boundaries, int layers)
    {
        if (boundaries.Count == 0)
        {
            return;
        }

        manifest.Text.StageBoundaries = boundaries.ToList();
        for (var s = 0; s <= boundaries.Count; s++)
        {
            var name = StageName(s);
            var end = s < boundaries.Count ? boundaries[s] : layers;
            var g = new GraphManifest { File = name + ".onnx" };
            g.Inputs[s == 0 ? "inputs_embeds" : "hidden_states"] = s == 0 ? "inputs_embeds" : "hidden_states";
            g.Inputs["attention_mask"] = "attention_mask";
            g.Inputs["position_ids"] = "position_ids";
            g.Inputs["past_key"] = "past_key_values.{0}.key";
            g.Inputs["past_value"] = "past_key_values.{0}.value";
            g.Outputs["present_key"] = "present.{0}.key";
            g.Outputs["present_value"] = "present.{0}.value";
            if (end == layers)
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

    /// <summary>The manifest's record of how the weights were quantized.</summary>
    public static QuantizationManifest QuantizationRecord(WeightQuantization q, IEnumerable<string> roles, string storage, IEnumerable<string> unquantized, IEnumerable<string> unquantizedGraphs) => new()
    {
        Method = WeightQuantization.MethodName,
        Op = OnnxGraph.MicrosoftDomain + ".MatMulNBits",
        Bits = q.Bits,
        BlockSize = q.BlockSize,
        AccuracyLevel = q.AccuracyLevel,
        Graphs = roles.Except(unquantizedGraphs).ToList(),
        Unquantized = unquantized.ToList(),
        UnquantizedDType = storage,
    };

    /// <summary>The builder's provenance entries.</summary>
    public static Dictionary<string, string> Source(string checkpointDirectory) => new()
    {
        ["checkpoint"] = Path.GetFullPath(checkpointDirectory),
        ["builder"] = typeof(PackageWriter).Assembly.GetName().Version?.ToString() ?? "0",
        ["built_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };

    private static string StageName(int stage) => string.Create(CultureInfo.InvariantCulture, $"decoder_stage_{stage}");

    private sealed class BytesProgress : IProgress<long>
    {
        private readonly Action<long> _report;

        public BytesProgress(Action<long> report) => _report = report;

        public void Report(long value) => _report(value);
    }
}
