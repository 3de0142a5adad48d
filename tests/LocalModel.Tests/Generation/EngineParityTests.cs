using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalModel.Generation;
using LocalModel.Runtime;
using Agents.TestSupport;

namespace LocalModel.Tests.Generation;

/// <summary>
/// The whole engine (image preprocessing, vision encoder, projector, embedding merge, decoder with KV cache)
/// against the independent PyTorch goldens. Tolerance for fp32 packages: max abs error 1e-4 on prefill logits;
/// greedy continuations must be identical.
/// </summary>
public class EngineParityTests
{
    [Theory]
    [InlineData("tiny-llava", "fp32", 1e-4f)]
    [InlineData("tiny-llava-bf16", "fp32", 1e-4f)]
    [InlineData("tiny-llava-sharded", "fp32", 1e-4f)]
    [InlineData("tiny-llava", "fp16", 5e-2f)]
    public async Task Generate_ImagePrompt_MatchesGoldenLogitsAndGreedyIds(string checkpoint, string dtype, float tolerance)
    {
        var golden = Fixtures.Golden(checkpoint);
        using var engine = VlmEngine.Load(Fixtures.Package(checkpoint, dtype), new VlmEngineOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });
        var request = new GenerationRequest
        {
            PromptTokenIds = Fixtures.Ints(golden.GetProperty("input_ids")),
            MaxTokens = 16,
            CapturePrefillLogits = true,
            IgnoreEndOfSequence = true,
        };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));

        var result = await engine.GenerateAsync(request);

        Assert.True(Fixtures.MaxAbsDiff(result.PrefillLogits, Fixtures.Floats(golden.GetProperty("prefill_logits_last"))) <= tolerance);
        if (dtype == "fp32")
        {
            Assert.Equal(Fixtures.Ints(golden.GetProperty("greedy_ids")), result.TokenIds);
        }

        Assert.Equal(27, result.Usage.PromptTokens);
        Assert.Equal(16, result.Usage.VisualTokensTotal);
        Assert.Equal(16, result.Usage.VisualTokensKept);
        Assert.Equal(16, result.Usage.CompletionTokens);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal("CPU", result.ExecutionProvider);
    }

    [Fact]
    public async Task Generate_TextOnlyPrompt_MatchesGolden()
    {
        var golden = Fixtures.Golden("tiny-llava");
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        var request = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("text_input_ids")), MaxTokens = 16, CapturePrefillLogits = true, IgnoreEndOfSequence = true };

        var result = await engine.GenerateAsync(request);

        Assert.True(Fixtures.MaxAbsDiff(result.PrefillLogits, Fixtures.Floats(golden.GetProperty("text_prefill_logits_last"))) <= 1e-4f);
        Assert.Equal(Fixtures.Ints(golden.GetProperty("text_greedy_ids")), result.TokenIds);
        Assert.Equal(0, result.Usage.VisualTokensTotal);
    }

    [Fact]
    public async Task Generate_TransformersJsLayout_LoadsAndMatchesGolden()
    {
        var golden = Fixtures.Golden("tiny-llava-tjs");
        using var engine = VlmEngine.Load(Fixtures.Dir("tiny-llava-tjs"));
        var request = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("input_ids")), MaxTokens = 16, CapturePrefillLogits = true, IgnoreEndOfSequence = true };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));

        var result = await engine.GenerateAsync(request);

        Assert.Equal("transformers.js", engine.Package.Layout);
        Assert.Equal("tokenizer.json", engine.Package.Manifest.Tokenizer.File);
        Assert.True(Fixtures.MaxAbsDiff(result.PrefillLogits, Fixtures.Floats(golden.GetProperty("prefill_logits_last"))) <= 1e-4f);
        Assert.Equal(Fixtures.Ints(golden.GetProperty("greedy_ids")), result.TokenIds);
    }

    [Fact]
    public async Task GenerateStreaming_SameRequest_EqualsNonStreamingAndLastUpdateCarriesUsage()
    {
        var golden = Fixtures.Golden("tiny-llava");
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        GenerationRequest Make()
        {
            var r = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("input_ids")), MaxTokens = 12, IgnoreEndOfSequence = true };
            r.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));
            return r;
        }

        var whole = await engine.GenerateAsync(Make());
        var updates = new System.Collections.Generic.List<GenerationUpdate>();
        await foreach (var u in engine.GenerateStreamingAsync(Make()))
        {
            updates.Add(u);
        }

        Assert.Equal(whole.TokenIds, updates.Where(u => u.TokenId >= 0).Select(u => u.TokenId));
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates.Take(updates.Count - 1), u => Assert.Null(u.FinishReason));
        Assert.NotNull(updates[^1].Usage);
        Assert.NotNull(updates[^1].Timings);
        Assert.True(updates[^1].Timings!.PrefillMs > 0);
        Assert.True(updates[^1].Timings!.OnnxRuntimeMs <= updates[^1].Timings!.WallMs);
    }

    [Fact]
    public async Task Generate_TextPromptWithPlaceholder_TokenizesAndPlacesImage()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        var request = new GenerationRequest { Prompt = "USER: <image>\nWhat is this? ASSISTANT:", MaxTokens = 4 };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));

        var result = await engine.GenerateAsync(request);

        var ids = engine.Tokenizer.Encode(request.Prompt, addBos: true);
        Assert.Equal(1, ids.Count(i => i == 512));
        Assert.Equal(ids.Length - 1 + 16, result.Usage.PromptTokens);
    }
}
