using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.Imaging;
using LocalModel.Packaging;
using LocalModel.Pruning.InLlm;
using LocalModel.Runtime;
using LocalModel.Selection;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Tests.Generation;

/// <summary>
/// The Qwen2.5-VL family against the independent PyTorch reference (tests/fixtures/scripts/reference_qwen2_5_vl.py):
/// preprocessing (smart_resize, PIL bicubic, merge-block patches), the window layout, the vision tower with its merger
/// and received attention, and the engine (M-RoPE positions, prefill logits within 1e-4, identical greedy ids), alone,
/// batched, with kept subsets of visual tokens and through the staged decoder of in-LLM pruning.
/// </summary>
public class Qwen25VlParityTests
{
    private const string Checkpoint = "tiny-qwen2_5_vl";

    [Theory]
    [InlineData("image.png")]
    [InlineData("image_large.png")]
    [InlineData("image_small.png")]
    public void Preprocess_FixtureImages_MatchHfProcessor(string file)
    {
        var golden = Fixtures.Golden(Checkpoint).GetProperty("images").GetProperty(file);
        var manifest = ModelPackage.Load(Fixtures.Package(Checkpoint)).Manifest;
        var preprocessor = new Qwen2VlImagePreprocessor(manifest.Preprocessing, manifest.Vision.PatchSize, manifest.Vision.MergeSize, manifest.Vision.TemporalPatchSize);
        var image = new ImageLoader().Load(File.ReadAllBytes(Path.Combine(Fixtures.Dir(Checkpoint), file)), file);

        var patches = preprocessor.Preprocess(image);

        var resized = Fixtures.Ints(golden.GetProperty("resized_hw"));
        var grid = Fixtures.Ints(golden.GetProperty("grid_thw"));
        Assert.Equal((resized[0], resized[1]), (patches.ResizedHeight, patches.ResizedWidth));
        Assert.Equal((grid[1], grid[2]), (patches.GridHeight, patches.GridWidth));
        Assert.True(Fixtures.MaxAbsDiff(patches.Pixels, Fixtures.Floats(golden.GetProperty("pixel_values"))) <= 1e-6f);
    }

    [Fact]
    public void Layout_FixtureGrid_MatchesPositionsAndWindowIndex()
    {
        var vision = Fixtures.Golden(Checkpoint).GetProperty("vision");
        var grid = Fixtures.Ints(vision.GetProperty("grid_thw"));

        var layout = Qwen25VlVisionLayout.Create(grid[1], grid[2], 2, 4);

        var positions = vision.GetProperty("patch_positions").EnumerateArray().SelectMany(p => Fixtures.Ints(p)).Select(v => (long)v);
        Assert.Equal(positions, layout.PatchPositions);
        Assert.Equal(Fixtures.Ints(vision.GetProperty("window_index")).Select(v => (long)v), layout.WindowIndex);

        // Window w holds exactly HF's cu_window_seqlens segment w, then padding (the patch count) up to the full window.
        var bounds = Fixtures.Ints(vision.GetProperty("cu_window_seqlens"));
        var patches = layout.PatchPositions.Length / 2;
        Assert.Equal(bounds.Length - 1, layout.Windows);
        for (var w = 0; w + 1 < bounds.Length; w++)
        {
            var slots = layout.WindowRows.Skip(w * layout.WindowPatches).Take(layout.WindowPatches).ToArray();
            var real = bounds[w + 1] - bounds[w];
            Assert.Equal(Enumerable.Range(bounds[w], real).Select(i => (long)i), slots.Take(real));
            Assert.All(slots.Skip(real), p => Assert.Equal(patches, p));
        }

        Assert.Equal(Enumerable.Range(0, patches).Select(i => (long)i), layout.WindowScatter.Select(at => layout.WindowRows[at]));

        Assert.Equal(Enumerable.Range(0, layout.MergedTokens).Select(i => (long)i), layout.ReverseIndex.Select(r => layout.WindowIndex[r]));
    }

    [Fact]
    public void VisionEncoder_FixtureImage_MatchesHiddenMergedTokensAndReceivedAttention()
    {
        var vision = Fixtures.Golden(Checkpoint).GetProperty("vision");
        var package = ModelPackage.Load(Fixtures.Package(Checkpoint));
        var m = package.Manifest;
        var image = new ImageLoader().Load(File.ReadAllBytes(Path.Combine(Fixtures.Dir(Checkpoint), "image.png")), "image.png");
        var patches = new Qwen2VlImagePreprocessor(m.Preprocessing, m.Vision.PatchSize, m.Vision.MergeSize, m.Vision.TemporalPatchSize).Preprocess(image);
        var layout = Qwen25VlVisionLayout.For(patches.GridHeight, patches.GridWidth, m.Vision);
        long n = patches.GridHeight * patches.GridWidth;
        using var session = new InferenceSession(package.GraphPath(ModelPackage.VisionEncoderRole));
        using var pixels = OrtValue.CreateTensorValueFromMemory(patches.Pixels, new[] { n, patches.Pixels.Length / n });
        using var positions = OrtValue.CreateTensorValueFromMemory(layout.PatchPositions, new[] { n, 2 });
        using var window = OrtValue.CreateTensorValueFromMemory(layout.WindowIndex, new long[] { layout.MergedTokens });
        using var reverse = OrtValue.CreateTensorValueFromMemory(layout.ReverseIndex, new long[] { layout.MergedTokens });
        using var rows = OrtValue.CreateTensorValueFromMemory(layout.WindowRows, new long[] { layout.WindowRows.Length });
        using var scatter = OrtValue.CreateTensorValueFromMemory(layout.WindowScatter, new[] { n });
        using var runOptions = new RunOptions();
        var graph = package.Graph(ModelPackage.VisionEncoderRole);

        using var outputs = session.Run(
            runOptions,
            ModelPackage.DynamicVisionInputRoles.Select(r => graph.Inputs[r]).ToArray(),
            new[] { pixels, positions, window, reverse, rows, scatter },
            new[] { graph.Outputs["features"], graph.Outputs["received_attention"], graph.Outputs["patch_hidden"] });

        Assert.True(Fixtures.MaxAbsDiff(outputs[2].GetTensorDataAsSpan<float>(), Fixtures.Floats(vision.GetProperty("vision_hidden"))) <= 1e-4f);
        Assert.True(Fixtures.MaxAbsDiff(outputs[0].GetTensorDataAsSpan<float>(), Fixtures.Floats(vision.GetProperty("merged_tokens"))) <= 1e-4f);
        Assert.True(Fixtures.MaxAbsDiff(outputs[1].GetTensorDataAsSpan<float>(), Fixtures.Floats(vision.GetProperty("importance"))) <= 1e-6f);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("image")]
    [InlineData("two_images")]
    [InlineData("image_pruned")]
    public async Task Generate_GoldenCase_MatchesLogitsAndGreedyIds(string name)
    {
        var c = Case(name);
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint), new VlmEngineOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });

        var result = await engine.GenerateAsync(Request(c));

        Assert.True(Fixtures.MaxAbsDiff(result.PrefillLogits, Fixtures.Floats(c.GetProperty("last_logits"))) <= 1e-4f);
        Assert.Equal(Fixtures.Ints(c.GetProperty("greedy_ids")), result.TokenIds);
        Assert.Equal(c.GetProperty("input_ids").GetArrayLength(), result.Usage.PromptTokens);
    }

    [Fact]
    public async Task Generate_ConcurrentCases_BatchedEqualsGoldens()
    {
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint), new VlmEngineOptions { MaxBatchSize = 4, MaxConcurrentRequests = 4 });
        var names = new[] { "text", "image", "two_images", "image_pruned" };

        var results = await Task.WhenAll(names.Select(n => engine.GenerateAsync(Request(Case(n)))));

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(Fixtures.Ints(Case(names[i]).GetProperty("greedy_ids")), results[i].TokenIds);
        }
    }

    [Fact]
    public async Task Generate_StagedDecoderKeepingEveryToken_MatchesGolden()
    {
        var c = Case("image");
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint, staged: true));
        var request = Request(c);
        request.LlmPruning = LlmPruningPlan.FastV(1, 0.0);

        var result = await engine.GenerateAsync(request);

        Assert.True(Fixtures.MaxAbsDiff(result.PrefillLogits, Fixtures.Floats(c.GetProperty("last_logits"))) <= 1e-4f);
        Assert.Equal(Fixtures.Ints(c.GetProperty("greedy_ids")), result.TokenIds);
    }

    [Fact]
    public async Task Generate_FastVHalf_DropsHalfTheVisualTokensAndKeepsGridPositions()
    {
        var c = Case("image");
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint, staged: true));
        var request = Request(c);
        request.LlmPruning = LlmPruningPlan.FastV(1, 0.5);

        var result = await engine.GenerateAsync(request);

        Assert.Equal(20, result.Usage.VisualTokensTotal);
        Assert.Equal(10, result.Usage.VisualTokensKept);
        Assert.Equal(16, result.TokenIds.Count);
    }

    private static JsonElement Case(string name) =>
        Fixtures.Golden(Checkpoint).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static GenerationRequest Request(JsonElement c)
    {
        var request = new GenerationRequest
        {
            PromptTokenIds = Fixtures.Ints(c.GetProperty("prompt_ids")),
            MaxTokens = 16,
            CapturePrefillLogits = true,
            IgnoreEndOfSequence = true,
        };
        foreach (var image in c.GetProperty("images").EnumerateArray())
        {
            request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir(Checkpoint), image.GetString()!)));
        }

        if (c.TryGetProperty("kept", out var kept))
        {
            request.VisualTokenSelector = new FixedSelector(Fixtures.Ints(kept));
        }

        return request;
    }

    /// <summary>Keeps the given token indices (the golden case's subset).</summary>
    private sealed class FixedSelector : IVisualTokenSelector
    {
        private readonly int[] _keep;

        public FixedSelector(int[] keep) => _keep = keep;

        public string Name => "fixed";

        public VisualTokenSelection Select(VisualTokenSelectionContext context) => VisualTokenSelection.FromIndices(_keep);
    }
}
