using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Builder.Safetensors;
using LocalModel.Generation;
using LocalModel.Packaging;

namespace LocalModel.Builder.Tests.Qwen;

/// <summary>
/// The Qwen2.5-VL builder on the tiny hub-layout fixture: what the manifest records, the checkpoint storage it reads
/// (sharded, bf16 and f16 tensors), the newer <c>model.visual.*</c> / <c>model.language_model.*</c> names, and the
/// errors for missing fields and options that do not apply to the family.
/// </summary>
public sealed class Qwen25VlPackageBuilderTests : IDisposable
{
    private const string Fixture = "tiny-qwen2_5_vl";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_Fixture_ManifestDescribesTheFamily()
    {
        var manifest = new ModelPackageBuilder().Build(Fixtures.Dir(Fixture), Path.Combine(_temp.Path, "pkg"));

        Assert.Equal("qwen2_5_vl", manifest.Family);
        Assert.Equal("qwen2.5-vl", manifest.ChatTemplate);
        Assert.Equal(ModelManifest.CoordinatesAbsoluteResized, manifest.Coordinates);
        Assert.Equal(3, manifest.Text.PositionStreams);
        Assert.Equal("smart_resize", manifest.Preprocessing.Mode);
        Assert.Equal((28, 3136L, 18816L), (manifest.Preprocessing.ResizeFactor, manifest.Preprocessing.MinPixels, manifest.Preprocessing.MaxPixels));
        Assert.Equal((14, 2, 2, 112), (manifest.Vision.PatchSize, manifest.Vision.MergeSize, manifest.Vision.TemporalPatchSize, manifest.Vision.WindowSize));
        Assert.True(manifest.Vision.FeaturesProjected);
        Assert.Empty(manifest.Vision.ClsAttentionLayers);
        Assert.Equal(18816 / (28 * 28), manifest.Vision.VisualTokensPerImage);
        Assert.Equal("<|vision_start|><|image_pad|><|vision_end|>", manifest.SpecialTokens.ImageText);
        Assert.Equal(515, manifest.SpecialTokens.Image);
        Assert.Equal(new[] { 511, 509 }, manifest.SpecialTokens.Eos);
        Assert.False(manifest.Graphs.ContainsKey("projector"));
        Assert.True(manifest.Graphs["vision_encoder"].Outputs.ContainsKey("received_attention"));
    }

    [Theory]
    [InlineData("sharded")]
    [InlineData("bf16")]
    [InlineData("new-layout")]
    public async Task Build_OtherStorage_GeneratesLikeTheFp32PackageOfTheSameValues(string variant)
    {
        // The reference package is built from fp32 tensors holding exactly the values the variant stores.
        var variantDir = Copy(Path.Combine(_temp.Path, variant), variant);
        var referenceDir = Copy(Path.Combine(_temp.Path, variant + "-reference"), variant == "bf16" ? "bf16-as-fp32" : "fp32");
        var builder = new ModelPackageBuilder();
        builder.Build(variantDir, Path.Combine(_temp.Path, variant + "-pkg"));
        builder.Build(referenceDir, Path.Combine(_temp.Path, variant + "-reference-pkg"));

        var a = await GenerateImageCase(Path.Combine(_temp.Path, variant + "-pkg"));
        var b = await GenerateImageCase(Path.Combine(_temp.Path, variant + "-reference-pkg"));

        Assert.Equal(b.TokenIds, a.TokenIds);
        Assert.True(Fixtures.MaxAbsDiff(a.PrefillLogits, b.PrefillLogits) <= 1e-5f);
    }

    [Fact]
    public void Build_VisionConfigWithoutDepth_NamesTheField()
    {
        var dir = Copy(Path.Combine(_temp.Path, "no-depth"), "fp32");
        EditConfig(dir, c => c["vision_config"]!.AsObject().Remove("depth"));

        var error = Assert.Throws<InvalidDataException>(() => new ModelPackageBuilder().Build(dir, Path.Combine(_temp.Path, "out")));

        Assert.Contains("vision_config.depth", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "out")));
    }

    [Fact]
    public void Build_MropeSectionNotHalfTheHead_NamesTheFieldAndTheSum()
    {
        var dir = Copy(Path.Combine(_temp.Path, "bad-mrope"), "fp32");
        EditConfig(dir, c => c["rope_scaling"]!["mrope_section"] = new JsonArray(2, 3, 4));

        var error = Assert.Throws<InvalidDataException>(() => new ModelPackageBuilder().Build(dir, Path.Combine(_temp.Path, "out")));

        Assert.Contains("rope_scaling.mrope_section", error.Message, StringComparison.Ordinal);
        Assert.Contains("head_dim/2 = 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TokenizerWithoutImagePad_NamesTheId()
    {
        var dir = Copy(Path.Combine(_temp.Path, "no-pad"), "fp32");
        var path = Path.Combine(dir, "tokenizer.json");
        var tokenizer = JsonNode.Parse(File.ReadAllText(path))!;
        var added = tokenizer["added_tokens"]!.AsArray();
        added.Remove(added.First(t => (int)t!["id"]! == 515));
        File.WriteAllText(path, tokenizer.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => new ModelPackageBuilder().Build(dir, Path.Combine(_temp.Path, "out")));

        Assert.Contains("id 515", error.Message, StringComparison.Ordinal);
        Assert.Contains("image_token_id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fused")]
    [InlineData("genai")]
    [InlineData("cls")]
    public void Build_OptionThatDoesNotApply_ThrowsSayingWhy(string option)
    {
        var options = option switch
        {
            "fused" => new PackageBuildOptions { DecoderFlavour = "fused" },
            "genai" => new PackageBuildOptions { WithGenAiDecoder = true },
            _ => new PackageBuildOptions { ClsAttentionLayers = new[] { 1 } },
        };

        var error = Assert.Throws<ArgumentException>(() => new Qwen25VlPackageBuilder().Build(Fixtures.Dir(Fixture), Path.Combine(_temp.Path, "out"), options));

        Assert.Contains(option switch { "fused" => "M-RoPE", "genai" => "GenAI", _ => "[CLS]" }, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "out")));
    }

    [Fact]
    public void Build_UnknownModelType_NamesTheSupportedOnes()
    {
        var dir = Copy(Path.Combine(_temp.Path, "qwen2-vl"), "fp32");
        EditConfig(dir, c => c["model_type"] = "qwen2_vl");

        var error = Assert.Throws<InvalidDataException>(() => new ModelPackageBuilder().Build(dir, Path.Combine(_temp.Path, "out")));

        Assert.Contains("llava, qwen2_5_vl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Int4_GeneratesAndRecordsTheQuantization()
    {
        var manifest = new ModelPackageBuilder().Build(Fixtures.Dir(Fixture), Path.Combine(_temp.Path, "int4"), new PackageBuildOptions { DType = "int4", QuantizationBlockSize = 16 });

        var result = await GenerateImageCase(Path.Combine(_temp.Path, "int4"));

        Assert.Equal(4, manifest.Quantization!.Bits);
        Assert.Contains("decoder", manifest.Quantization.Graphs);
        Assert.Contains("vision_encoder", manifest.Quantization.Graphs);
        Assert.Equal(16, result.TokenIds.Count);
    }

    private static async Task<GenerationResult> GenerateImageCase(string package)
    {
        var golden = Fixtures.Golden(Fixture).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "image");
        using var engine = VlmEngine.Load(package);
        var request = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("prompt_ids")), MaxTokens = 16, CapturePrefillLogits = true, IgnoreEndOfSequence = true };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir(Fixture), "image.png")));
        return await engine.GenerateAsync(request);
    }

    private static void EditConfig(string dir, Action<JsonNode> edit)
    {
        var path = Path.Combine(dir, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    /// <summary>Copies the fixture's side files and rewrites its tensors as <paramref name="variant"/>.</summary>
    private static string Copy(string dir, string variant)
    {
        Directory.CreateDirectory(dir);
        var source = Fixtures.Dir(Fixture);
        foreach (var file in Directory.EnumerateFiles(source).Where(f => !f.EndsWith(".safetensors", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        using var checkpoint = SafetensorsCheckpoint.Open(source);
        var tensors = checkpoint.Tensors.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (Name: variant == "new-layout" ? NewLayoutName(t.Name) : t.Name, Shape: t.Shape.ToArray(), Values: checkpoint.ReadFloat32(t.Name)))
            .ToList();
        switch (variant)
        {
            case "sharded":
                var half = tensors.Count / 2;
                var index = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (part, file) in new[] { (tensors.Take(half), "model-00001-of-00002.safetensors"), (tensors.Skip(half), "model-00002-of-00002.safetensors") })
                {
                    var list = part.ToList();
                    WriteRaw(Path.Combine(dir, file), list.Select(t => (t.Name, t.Shape, "F32", t.Values)).ToList());
                    list.ForEach(t => index[t.Name] = file);
                }

                File.WriteAllText(Path.Combine(dir, "model.safetensors.index.json"), JsonSerializer.Serialize(new { metadata = new { total_size = tensors.Sum(t => t.Values.LongLength * 4) }, weight_map = index }));
                break;
            case "bf16":
                // Every tensor BF16 except the merger's last linear in F16: both half types in one checkpoint.
                WriteRaw(Path.Combine(dir, "model.safetensors"), tensors.Select(t => (t.Name, t.Shape, t.Name.StartsWith("visual.merger.mlp.2", StringComparison.Ordinal) ? "F16" : "BF16", t.Values)).ToList());
                break;
            case "bf16-as-fp32":
                WriteRaw(Path.Combine(dir, "model.safetensors"), tensors.Select(t => (t.Name, t.Shape, "F32", t.Name.StartsWith("visual.merger.mlp.2", StringComparison.Ordinal) ? t.Values.Select(v => (float)(Half)v).ToArray() : t.Values.Select(RoundToBf16).ToArray())).ToList());
                break;
            default:
                WriteRaw(Path.Combine(dir, "model.safetensors"), tensors.Select(t => (t.Name, t.Shape, "F32", t.Values)).ToList());
                break;
        }

        return dir;
    }

    private static string NewLayoutName(string name) =>
        name.StartsWith("visual.", StringComparison.Ordinal) ? "model." + name
        : name.StartsWith("model.", StringComparison.Ordinal) ? "model.language_model." + name["model.".Length..]
        : name;

    private static float RoundToBf16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000;
        return BitConverter.UInt32BitsToSingle(rounded);
    }

    /// <summary>Writes a safetensors file with each tensor in its own dtype (F32, F16, BF16).</summary>
    private static void WriteRaw(string path, IReadOnlyList<(string Name, long[] Shape, string DType, float[] Values)> tensors)
    {
        var header = new Dictionary<string, object>(StringComparer.Ordinal) { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, shape, dtype, values) in tensors)
        {
            var bytes = values.LongLength * (dtype == "F32" ? 4 : 2);
            header[name] = new { dtype, shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }

        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8;
        using var fs = File.Create(path);
        fs.Write(BitConverter.GetBytes((long)padded));
        fs.Write(json);
        fs.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
        foreach (var (_, _, dtype, values) in tensors)
        {
            foreach (var v in values)
            {
                var raw = dtype switch
                {
                    "F32" => BitConverter.GetBytes(v),
                    "F16" => BitConverter.GetBytes((Half)v),
                    _ => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(RoundToBf16(v)) >> 16)),
                };
                fs.Write(raw);
            }
        }
    }
}
