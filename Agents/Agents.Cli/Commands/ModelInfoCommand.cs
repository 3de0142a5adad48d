using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Inputs;
using LocalModel.Packaging;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents model info</c>: describes a package (a checkpoint folder is built into the cache first).</summary>
internal static class ModelInfoCommand
{
    public static Command Create(CliServices services)
    {
        var path = new Argument<string>("package") { Description = "The package folder, or a llava-hf checkpoint folder (built once into the package cache)." };
        var json = CliOptions.Flag("--json", "Print the description as JSON (no progress, no decoration).");
        var command = new Command("info", "Describe a model package: family, graphs, layers, heads, visual tokens per image, tokenizer, chat template, grounding coordinates.") { path, json };
        command.SetAction((parse, _) =>
        {
            var asJson = parse.GetValue(json);
            var package = ModelPackage.Load(ModelResolver.Resolve("<package>", parse.GetValue(path)!, services.Console, quiet: asJson));
            if (asJson)
            {
                var m = package.Manifest;
                System.Console.Out.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        directory = package.Directory,
                        layout = package.Layout,
                        family = m.Family,
                        name = m.Name,
                        dtype = m.DType,
                        quantization = m.Quantization is { } q ? new { method = q.Method, op = q.Op, bits = q.Bits, block_size = q.BlockSize, accuracy_level = q.AccuracyLevel, graphs = q.Graphs, unquantized = q.Unquantized, unquantized_dtype = q.UnquantizedDType } : null,
                        graphs = m.Graphs.ToDictionary(g => g.Key, g => g.Value.File),
                        text = new { decoder_flavour = m.Text.DecoderFlavour, layers = m.Text.NumLayers, heads = m.Text.NumHeads, kv_heads = m.Text.NumKvHeads, hidden_size = m.Text.HiddenSize, vocab_size = m.Text.VocabSize, context_length = m.Text.ContextLength },
                        vision = new { layers = m.Vision.NumLayers, heads = m.Vision.NumHeads, image_size = m.Vision.ImageSize, patch_size = m.Vision.PatchSize, visual_tokens_per_image = m.Vision.VisualTokensPerImage, cls_attention_layers = m.Vision.ClsAttentionLayers },
                        tokenizer = m.Tokenizer.File,
                        chat_template = m.ChatTemplate,
                        coordinates = m.Coordinates,
                    },
                    new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                services.Console.Output.WriteLine($"{package.Directory} ({package.Layout} layout)");
                WriteSummary(services.Console.Output, package.Manifest);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string Describe(QuantizationManifest? q) => q is null
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{q.Bits}-bit {q.Method}, block {q.BlockSize}, {q.Op} (accuracy level {q.AccuracyLevel}) in {string.Join(",", q.Graphs)}; {string.Join(",", q.Unquantized)} kept {q.UnquantizedDType}");

    /// <summary>Writes the human-readable description of a manifest: one aligned "name value" line per property.</summary>
    public static void WriteSummary(IAnsiConsole console, ModelManifest m)
    {
        var t = m.Text;
        var v = m.Vision;
        var stages = t.StageBoundaries.Count == 0 ? "none (one decoder graph)" : string.Join(",", t.StageBoundaries);
        var rows = new[]
        {
            ("family", $"{m.Family} ({m.DType})"),
            ("quantization", Describe(m.Quantization)),
            ("graphs", string.Join(", ", m.Graphs.Select(g => $"{g.Key}={g.Value.File}"))),
            ("text", string.Create(CultureInfo.InvariantCulture, $"{t.NumLayers} layers, {t.NumHeads} heads ({t.NumKvHeads} KV), hidden {t.HiddenSize}, vocab {t.VocabSize}, context {t.ContextLength}")),
            ("decoder", t.DecoderFlavour == "fused" ? "fused (GroupQueryAttention, RotaryEmbedding, SkipSimplifiedLayerNormalization); staged graphs standard" : "standard ONNX operators"),
            ("decoder stages", stages),
            ("vision", m.Preprocessing.IsDynamicResolution
                ? string.Create(CultureInfo.InvariantCulture, $"{v.NumLayers} layers run, {v.NumHeads} heads, dynamic resolution (smart_resize to multiples of {m.Preprocessing.ResizeFactor} px, {m.Preprocessing.MinPixels}..{m.Preprocessing.MaxPixels} pixels), patch {v.PatchSize}, {v.MergeSize}x{v.MergeSize} merge, window {v.WindowSize} px")
                : string.Create(CultureInfo.InvariantCulture, $"{v.NumLayers} layers run, {v.NumHeads} heads, {v.ImageSize}px / patch {v.PatchSize}, feature layer {v.FeatureLayer}")),
            ("visual tokens", m.Preprocessing.IsDynamicResolution
                ? string.Create(CultureInfo.InvariantCulture, $"up to {v.VisualTokensPerImage} per image (merged tokens; the count follows the image's size)")
                : string.Create(CultureInfo.InvariantCulture, $"{v.VisualTokensPerImage} per image ({v.GridHeight}x{v.GridWidth} grid)")),
            ("[CLS] attention", $"layers {(v.ClsAttentionLayers.Count == 0 ? "none" : string.Join(",", v.ClsAttentionLayers))}"),
            ("tokenizer", m.Tokenizer.File),
            ("chat template", m.ChatTemplate),
            ("coordinates", m.Coordinates),
            ("special tokens", string.Create(CultureInfo.InvariantCulture, $"bos {m.SpecialTokens.Bos}, eos {string.Join(",", m.SpecialTokens.Eos)}, image {m.SpecialTokens.Image} ('{m.SpecialTokens.ImageText}')")),
        };
        foreach (var (name, value) in rows)
        {
            console.Write(new Text($"  {name,-18}", new Style(decoration: Decoration.Bold)));
            console.WriteLine(value);
        }
    }
}
