using System.Threading.Tasks;
using LocalModel.Generation;
using LocalModel.Pruning;
using Agents.TestSupport;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>
/// Every selector through the whole engine on the tiny-llava package (4x4 grid = 16 visual tokens per image,
/// [CLS] attention exported for encoder layers 0 and 1).
/// </summary>
public class PruningEngineTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const int Tokens = 16;
    private const int GoldenPromptTokens = 27; // golden prompt with all 16 visual tokens

    private readonly TinyLlavaEngineFixture _fixture;

    public PruningEngineTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    public static TheoryData<string, int> MethodsAndBudgets()
    {
        var data = new TheoryData<string, int>();
        foreach (var method in VisualTokenSelectors.MethodNames)
        {
            data.Add(method, 4);
            data.Add(method, 8);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndBudgets))]
    public async Task GenerateAsync_EachSelector_KeepsBudgetOrPooledCount(string method, int budget)
    {
        // Arrange
        var selector = VisualTokenSelectors.Create(method, new PruningOptions { MassFraction = 1.0 });
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(_fixture.ImageBytes, "image.png"), maxTokens: 3);
        request.VisualTokenSelector = selector;
        request.VisualTokenBudget = VisualTokenBudget.FromCount(budget);
        request.IgnoreEndOfSequence = true;

        // Act
        var result = await _fixture.Engine.GenerateAsync(request);

        // Assert: 2x2 pooling of 4x4 makes 4; 4x4, 8x8 and global make 1; "none" keeps all; the rest keep the budget
        // (adaptive-mass with fraction 1 needs every token with attention, so the budget caps it).
        var expected = method switch
        {
            "none" => Tokens,
            "pool" or "pool-2x2" => 4,
            "pool-4x4" or "pool-8x8" or "pool-global" => 1,
            _ => budget,
        };
        Assert.Equal(Tokens, result.Usage.VisualTokensTotal);
        Assert.Equal(expected, result.Usage.VisualTokensKept);
        Assert.Equal(GoldenPromptTokens - Tokens + expected, result.Usage.PromptTokens);
        Assert.Equal(3, result.TokenIds.Count);
    }

    [Fact]
    public async Task GenerateAsync_AdaptiveMassDefaults_KeepsAtMostBudget()
    {
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(_fixture.ImageBytes, "image.png"), maxTokens: 2);
        request.VisualTokenSelector = VisualTokenSelectors.Create("adaptive-mass", new PruningOptions());
        request.VisualTokenBudget = VisualTokenBudget.FromCount(8);

        var result = await _fixture.Engine.GenerateAsync(request);

        Assert.InRange(result.Usage.VisualTokensKept, 1, 8);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_FasterVlmKeepingAll_PrefillLogitsIdenticalToNoPruning(bool keepOriginalPositions)
    {
        // Arrange: FasterVLM at budget 16 of 16 keeps every token in raster order, so the prompt is unchanged.
        GenerationRequest Make()
        {
            var r = _fixture.GoldenRequest(ImageInput.FromBytes(_fixture.ImageBytes, "image.png"), maxTokens: 4);
            r.CapturePrefillLogits = true;
            r.IgnoreEndOfSequence = true;
            r.KeepOriginalPositions = keepOriginalPositions;
            return r;
        }

        var baseline = Make();
        var pruned = Make();
        pruned.VisualTokenSelector = VisualTokenSelectors.Create("fastervlm", new PruningOptions());
        pruned.VisualTokenBudget = VisualTokenBudget.Parse("100%");

        // Act
        var expected = await _fixture.Engine.GenerateAsync(baseline);
        var actual = await _fixture.Engine.GenerateAsync(pruned);

        // Assert
        Assert.Equal(Tokens, actual.Usage.VisualTokensKept);
        Assert.True(Fixtures.MaxAbsDiff(expected.PrefillLogits, actual.PrefillLogits) <= 1e-6f);
        Assert.Equal(expected.TokenIds, actual.TokenIds);
    }

    [Fact]
    public async Task GenerateAsync_FasterVlmOriginalPositions_Succeeds()
    {
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(_fixture.ImageBytes, "image.png"), maxTokens: 2);
        request.VisualTokenSelector = new FasterVlmSelector();
        request.VisualTokenBudget = VisualTokenBudget.FromCount(4);
        request.KeepOriginalPositions = true;

        var result = await _fixture.Engine.GenerateAsync(request);

        Assert.Equal(4, result.Usage.VisualTokensKept);
    }
}
