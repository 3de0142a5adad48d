using System;
using LocalModel.Generation;

namespace LocalModel.Tests.Generation;

/// <summary>The logits pipeline's stages and their order, with hand-worked logits.</summary>
public class LogitsPipelineTests
{
    [Fact]
    public void Next_FrequencyPenalty_LowersByCountTimesPenalty()
    {
        // Arrange: token 0 generated twice: 5 - 2 * 1.5 = 2 < 2.5 (token 1).
        var p = new LogitsPipeline(new SamplingOptions { FrequencyPenalty = 1.5f }, 3, 16, 16);
        p.Next(new float[] { 9f, 0f, 0f });
        p.Next(new float[] { 9f, 0f, 0f });
        var logits = new float[] { 5f, 2.5f, 0f };

        // Act
        var token = p.Next(logits);

        // Assert
        Assert.Equal(1, token);
        Assert.Equal(2f, logits[0]);
    }

    [Fact]
    public void Next_PresencePenalty_LowersOnceWhateverTheCount()
    {
        var p = new LogitsPipeline(new SamplingOptions { PresencePenalty = 1f }, 3, 16, 16);
        p.Next(new float[] { 9f, 0f, 0f });
        p.Next(new float[] { 9f, 0f, 0f });
        var logits = new float[] { 5f, 4.5f, 0f };

        p.Next(logits);

        Assert.Equal(4f, logits[0]);
        Assert.Equal(4.5f, logits[1]);
    }

    [Fact]
    public void Next_PromptTokens_NotCountedByFrequencyOrPresence()
    {
        var p = new LogitsPipeline(new SamplingOptions { FrequencyPenalty = 2f, PresencePenalty = 2f }, 3, 16, 16);
        p.Observe(0);
        var logits = new float[] { 5f, 4f, 0f };

        Assert.Equal(0, p.Next(logits));
        Assert.Equal(5f, logits[0]);
    }

    [Fact]
    public void Next_NegativeFrequencyPenalty_RaisesRepeatedToken()
    {
        var p = new LogitsPipeline(new SamplingOptions { FrequencyPenalty = -1f }, 2, 16, 16);
        p.Next(new float[] { 0f, 1f });

        Assert.Equal(1, p.Next(new float[] { 1.5f, 0.8f }));
    }

    [Fact]
    public void Next_SuppressedEos_NeverChosen()
    {
        var p = new LogitsPipeline(new SamplingOptions(), 3, 16, 16, suppressedEos: new[] { 2 });
        var logits = new float[] { 0f, 1f, 10f };

        Assert.Equal(1, p.Next(logits));
        Assert.True(float.IsNegativeInfinity(logits[2]));
    }

    [Fact]
    public void Next_Constraint_GetsRemainingBudgetAndAcceptsChosenToken()
    {
        var constraint = new RecordingConstraint(allowed: 2);
        var p = new LogitsPipeline(new SamplingOptions(), 3, 16, 16, constraint: constraint);

        var token = p.Next(new float[] { 9f, 8f, 1f }, remainingTokens: 7);

        Assert.Equal(2, token);
        Assert.Equal(7, constraint.LastRemaining);
        Assert.Equal(2, constraint.LastAccepted);
    }

    [Fact]
    public void Next_ConstraintAllowsNothing_Throws()
    {
        var p = new LogitsPipeline(new SamplingOptions(), 3, 16, 16, constraint: new RecordingConstraint(allowed: -1));

        Assert.Throws<InvalidOperationException>(() => p.Next(new float[] { 1f, 2f, 3f }));
    }

    [Fact]
    public void Next_RepetitionPenaltyBeforeConstraint_MaskedTokensStayMasked()
    {
        // Order: repetition penalty, then the mask; a masked seen token stays at -inf and the allowed one wins.
        var constraint = new RecordingConstraint(allowed: 1);
        var p = new LogitsPipeline(new SamplingOptions { RepetitionPenalty = 2f }, 2, 16, 16, constraint: constraint);
        p.Observe(0);
        var logits = new float[] { 4f, -1f };

        Assert.Equal(1, p.Next(logits));
        Assert.True(float.IsNegativeInfinity(logits[0]));
        Assert.Equal(-1f, logits[1]);
    }

    /// <summary>Allows one token id (or none for -1) and records what the pipeline told it.</summary>
    private sealed class RecordingConstraint : ITokenConstraint
    {
        private readonly int _allowed;

        public RecordingConstraint(int allowed) => _allowed = allowed;

        public int LastRemaining { get; private set; }

        public int LastAccepted { get; private set; } = -1;

        public bool IsComplete => false;

        public void Mask(Span<float> logits)
        {
            for (var i = 0; i < logits.Length; i++)
            {
                if (i != _allowed)
                {
                    logits[i] = float.NegativeInfinity;
                }
            }
        }

        public void Mask(Span<float> logits, int remainingTokens)
        {
            LastRemaining = remainingTokens;
            Mask(logits);
        }

        public void Accept(int tokenId) => LastAccepted = tokenId;
    }

    [Fact]
    public void Next_PaddedVocabulary_NeverPicksAnIdWithoutAToken()
    {
        // Arrange: ids 3 and 4 are LM-head padding past a 3-token tokenizer, and the largest logits.
        var p = new LogitsPipeline(new SamplingOptions(), 5, 16, 16, tokenizerVocabulary: 3);
        var logits = new float[] { 1f, 2f, 0f, 9f, 8f };

        // Act
        var token = p.Next(logits);

        // Assert
        Assert.Equal(1, token);
        Assert.Equal(float.NegativeInfinity, logits[3]);
        Assert.Equal(float.NegativeInfinity, logits[4]);
    }

    [Fact]
    public void Next_TokenizerCoversTheVocabulary_LeavesEveryIdPossible()
    {
        var p = new LogitsPipeline(new SamplingOptions(), 3, 16, 16, tokenizerVocabulary: 3);

        Assert.Equal(2, p.Next(new float[] { 1f, 2f, 3f }));
    }
}
