using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using LocalModel.Builder;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;

namespace Agents.Cli.Commands;

/// <summary><c>agents model build</c> and <c>agents model info</c>.</summary>
internal static class ModelCommands
{
    public const string BuildUsage = "agents model build --from <checkpoint-dir> --out <package-dir> [--dtype fp32|fp16] [--cls-attention-layers <list>] [--name <name>] [--stages auto|<layers>] [--with-genai-decoder] [--overwrite]";
    public const string InfoUsage = "agents model info <package-dir> [--json]";
    public const string SynthUsage = "agents model synth --out <checkpoint-dir> [--preset tiny576|small] [--seed N] [--tokenizer-from <dir>]";

    public static int Synth(string[] args)
    {
        var a = new ArgumentReader(args, new[] { "--out", "--preset", "--seed", "--tokenizer-from" }, Array.Empty<string>());
        if (a.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{a.Positionals[0]}'. Usage: {SynthUsage}");
        }

        var output = a.Required("--out");
        var preset = a.Value("--preset") ?? "tiny576";
        if (!SyntheticLlavaCheckpoint.Presets.Contains(preset))
        {
            throw new UsageException($"--preset must be one of {string.Join(", ", SyntheticLlavaCheckpoint.Presets)}, got '{preset}'.");
        }

        var tokenizer = a.Value("--tokenizer-from") ?? Path.Combine("tests", "fixtures", "tiny-llava");
        if (!File.Exists(Path.Combine(tokenizer, "tokenizer.model")) && !File.Exists(Path.Combine(tokenizer, "tokenizer.json")))
        {
            throw new UsageException($"No tokenizer in '{tokenizer}'; pass --tokenizer-from <dir> (e.g. tests/fixtures/tiny-llava).");
        }

        SyntheticLlavaCheckpoint.Write(output, preset, tokenizer, a.Int("--seed") ?? 1234);
        Console.WriteLine($"Wrote synthetic '{preset}' llava-hf checkpoint (random weights) to {Path.GetFullPath(output)}");
        return 0;
    }

    public static int Build(string[] args, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(args, new[] { "--from", "--out", "--dtype", "--cls-attention-layers", "--name", "--stages" }, new[] { "--overwrite", "--with-genai-decoder" });
        if (a.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{a.Positionals[0]}'. Usage: {BuildUsage}");
        }

        var from = a.Required("--from");
        var output = a.Required("--out");
        var dtype = a.Value("--dtype") ?? "fp32";
        if (dtype is not ("fp32" or "fp16"))
        {
            throw new UsageException($"--dtype must be fp32 or fp16, got '{dtype}'.");
        }

        var options = new PackageBuildOptions { DType = dtype, Name = a.Value("--name"), Overwrite = a.Flag("--overwrite"), WithGenAiDecoder = a.Flag("--with-genai-decoder") };
        if (a.Value("--cls-attention-layers") is { } layers)
        {
            foreach (var l in ArgumentReader.ParseIntList("--cls-attention-layers", layers))
            {
                options.ClsAttentionLayers.Add(l);
            }
        }

        if (a.Value("--stages") is { } stages)
        {
            if (stages == "auto")
            {
                options.DecoderStageBoundaries = PackageBuildOptions.AutoStageBoundaries(LocalModel.Builder.Llava.LlavaConfig.Load(Path.Combine(from, "config.json")).Text.Layers);
            }
            else
            {
                options.DecoderStageBoundaries = ArgumentReader.ParseIntList("--stages", stages);
            }
        }

        var started = DateTime.UtcNow;
        var lastPercent = -1;
        var lastStage = string.Empty;
        var interactive = !Console.IsErrorRedirected;
        var progress = new Progress(p =>
        {
            var percent = p.BytesTotal == 0 ? 100 : (int)(100 * p.BytesDone / p.BytesTotal);
            var line = string.Create(CultureInfo.InvariantCulture, $"  {p.Stage,-15} {percent,3}%  {p.BytesDone / 1048576.0,8:F1} / {p.BytesTotal / 1048576.0:F1} MiB");
            if (interactive && percent != lastPercent)
            {
                Console.Error.Write("\r" + line);
            }
            else if (!interactive && (p.Stage != lastStage || percent / 10 != lastPercent / 10))
            {
                Console.Error.WriteLine(line);
            }

            lastPercent = percent;
            lastStage = p.Stage;
        });
        var manifest = new LlavaPackageBuilder(loggers.CreateLogger<LlavaPackageBuilder>()).Build(from, output, options, progress, cancellationToken);
        if (interactive)
        {
            Console.Error.WriteLine();
        }

        var size = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Built {manifest.Family} package '{manifest.Name}' ({manifest.DType}) in {Path.GetFullPath(output)}: {size / 1048576.0:F1} MiB, {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
        PrintSummary(manifest);
        return 0;
    }

    public static int Info(string[] args)
    {
        var a = new ArgumentReader(args, Array.Empty<string>(), new[] { "--json" });
        if (a.Positionals.Count != 1)
        {
            throw new UsageException($"Give one package folder. Usage: {InfoUsage}");
        }

        var package = ModelPackage.Load(a.Positionals[0]);
        if (a.Flag("--json"))
        {
            var m = package.Manifest;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                directory = package.Directory,
                layout = package.Layout,
                family = m.Family,
                name = m.Name,
                dtype = m.DType,
                graphs = m.Graphs.ToDictionary(g => g.Key, g => g.Value.File),
                text = new { layers = m.Text.NumLayers, heads = m.Text.NumHeads, kv_heads = m.Text.NumKvHeads, hidden_size = m.Text.HiddenSize, vocab_size = m.Text.VocabSize, context_length = m.Text.ContextLength },
                vision = new { layers = m.Vision.NumLayers, heads = m.Vision.NumHeads, image_size = m.Vision.ImageSize, patch_size = m.Vision.PatchSize, visual_tokens_per_image = m.Vision.VisualTokensPerImage, cls_attention_layers = m.Vision.ClsAttentionLayers },
                tokenizer = m.Tokenizer.File,
                chat_template = m.ChatTemplate,
            }, new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Console.WriteLine($"{package.Directory} ({package.Layout} layout)");
            PrintSummary(package.Manifest);
        }

        return 0;
    }

    private static void PrintSummary(ModelManifest m)
    {
        var t = m.Text;
        var v = m.Vision;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  family            {m.Family} ({m.DType})"));
        Console.WriteLine($"  graphs            {string.Join(", ", m.Graphs.Select(g => $"{g.Key}={g.Value.File}"))}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  text              {t.NumLayers} layers, {t.NumHeads} heads ({t.NumKvHeads} KV), hidden {t.HiddenSize}, vocab {t.VocabSize}, context {t.ContextLength}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  vision            {v.NumLayers} layers run, {v.NumHeads} heads, {v.ImageSize}px / patch {v.PatchSize}, feature layer {v.FeatureLayer}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  visual tokens     {v.VisualTokensPerImage} per image ({v.GridHeight}x{v.GridWidth} grid)"));
        Console.WriteLine($"  [CLS] attention   layers {(v.ClsAttentionLayers.Count == 0 ? "none" : string.Join(",", v.ClsAttentionLayers))}");
        Console.WriteLine($"  tokenizer         {m.Tokenizer.File}");
        Console.WriteLine($"  chat template     {m.ChatTemplate}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  special tokens    bos {m.SpecialTokens.Bos}, eos {string.Join(",", m.SpecialTokens.Eos)}, image {m.SpecialTokens.Image} ('{m.SpecialTokens.ImageText}')"));
    }

    private sealed class Progress : IProgress<BuildProgress>
    {
        private readonly Action<BuildProgress> _report;

        public Progress(Action<BuildProgress> report) => _report = report;

        public void Report(BuildProgress value) => _report(value);
    }
}
