using System;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;

namespace LocalModel.Tests.Robustness;

/// <summary>Malformed requests: an <see cref="ArgumentException"/> naming the field or limit, before any work is done.</summary>
public class RequestValidationTests : IClassFixture<TinyLlavaEngineFixture>
{
    private readonly TinyLlavaEngineFixture _fixture;

    public RequestValidationTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_PromptLongerThanContext_ThrowsArgumentExceptionNamingContext(bool streaming)
    {
        // Arrange: 600 text ids against a 512-position context.
        var request = new GenerationRequest { PromptTokenIds = Enumerable.Repeat(45, 600).ToArray(), MaxTokens = 4 };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => EngineCalls.RunAsync(_fixture.Engine, request, streaming));

        // Assert
        Assert.Contains("600", ex.Message, StringComparison.Ordinal);
        Assert.Contains("context", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(TinyLlavaEngineFixture.ContextLength.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ImageTokensPushPromptPastContext_ThrowsCountingVisualTokens()
    {
        // Arrange: 497 ids fit, but the one image placeholder expands to 16 visual tokens: 496 + 16 = 512 positions, none left to generate.
        var ids = Enumerable.Repeat(45, 497).ToArray();
        ids[1] = TinyLlavaEngineFixture.ImageTokenId;
        var request = new GenerationRequest { PromptTokenIds = ids, MaxTokens = 4 };
        request.Images.Add(ImageInput.FromBytes(_fixture.ImageBytes, "image.png"));

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("512", ex.Message, StringComparison.Ordinal);
        Assert.Contains("16 visual", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_PromptFillingWholeContext_ThrowsArgumentException()
    {
        // Arrange: 512 prompt positions leave none for a generated token.
        var request = new GenerationRequest { PromptTokenIds = Enumerable.Repeat(45, TinyLlavaEngineFixture.ContextLength).ToArray(), MaxTokens = 4 };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("512", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_PromptOneShortOfContext_StopsWhenContextIsFull()
    {
        // Arrange: 511 prompt positions plus the first generated token fill all 512 positions; the second token is
        // sampled from the last position's logits and never fed back.
        var request = new GenerationRequest { PromptTokenIds = Enumerable.Repeat(45, TinyLlavaEngineFixture.ContextLength - 1).ToArray(), MaxTokens = 8, IgnoreEndOfSequence = true };

        // Act
        var result = await _fixture.Engine.GenerateAsync(request);

        // Assert
        Assert.Equal(FinishReason.ContextLength, result.FinishReason);
        Assert.Equal(2, result.TokenIds.Count);
    }

    [Fact]
    public async Task GenerateAsync_PlaceholderWithoutImage_ThrowsNamingBothCounts()
    {
        // Arrange
        var request = new GenerationRequest { PromptTokenIds = _fixture.GoldenInputIds, MaxTokens = 4 };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("1 image placeholder", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0 image(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_TextPromptWithOnePlaceholderAndTwoImages_ThrowsNamingBothCounts()
    {
        // Arrange
        var request = new GenerationRequest { Prompt = "USER: <image>\nWhat is this? ASSISTANT:", MaxTokens = 4 };
        request.Images.Add(ImageInput.FromBytes(_fixture.ImageBytes, "a.png"));
        request.Images.Add(ImageInput.FromBytes(_fixture.ImageBytes, "b.png"));

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("1 image placeholder", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 image(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<image>", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TinyLlavaEngineFixture.VocabSize)]
    [InlineData(100_000)]
    [InlineData(-1)]
    public async Task GenerateAsync_TokenIdOutsideVocabulary_ThrowsNamingIdAndVocabulary(int badId)
    {
        // Arrange
        var request = new GenerationRequest { PromptTokenIds = new[] { 1, 45, badId, 29 }, MaxTokens = 4 };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains(badId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("vocabulary", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("513", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task GenerateAsync_MaxTokensNotPositive_ThrowsOutOfRangeNamingMaxTokens(int maxTokens)
    {
        // Arrange
        var request = new GenerationRequest { PromptTokenIds = new[] { 1, 45 }, MaxTokens = maxTokens };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Equal(nameof(GenerationRequest.MaxTokens), ex.ParamName);
        Assert.Contains("MaxTokens", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f, 0f, nameof(SamplingOptions.TopP))]
    [InlineData(0f, 1.5f, nameof(SamplingOptions.TopP))]
    [InlineData(0f, float.NaN, nameof(SamplingOptions.TopP))]
    [InlineData(-0.5f, 1f, nameof(SamplingOptions.Temperature))]
    [InlineData(float.NaN, 1f, nameof(SamplingOptions.Temperature))]
    public async Task GenerateAsync_InvalidSampling_ThrowsOutOfRangeNamingField(float temperature, float topP, string field)
    {
        // Arrange
        var request = new GenerationRequest
        {
            PromptTokenIds = new[] { 1, 45 },
            MaxTokens = 4,
            Sampling = new SamplingOptions { Temperature = temperature, TopP = topP },
        };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_NegativeTopK_ThrowsOutOfRangeNamingTopK()
    {
        // Arrange
        var request = new GenerationRequest { PromptTokenIds = new[] { 1, 45 }, Sampling = new SamplingOptions { Temperature = 1f, TopK = -1 } };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Equal(nameof(SamplingOptions.TopK), ex.ParamName);
    }

    [Fact]
    public async Task GenerateAsync_BothPromptAndIds_ThrowsNamingBoth()
    {
        // Arrange
        var request = new GenerationRequest { Prompt = "hi", PromptTokenIds = new[] { 1, 45 } };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("Prompt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PromptTokenIds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_EmptyPromptIds_ThrowsNamingPrompt()
    {
        // Arrange
        var request = new GenerationRequest { PromptTokenIds = Array.Empty<int>() };

        // Act
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
