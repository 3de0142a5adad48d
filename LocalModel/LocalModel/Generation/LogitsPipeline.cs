using System;
using System.Collections.Generic;

namespace LocalModel.Generation;

/// <summary>
/// Turns next-token logits into a token, in a fixed order (the shape of LLamaSharp's sampling pipeline): the mask of
/// ids without a token (padded vocabularies), end-of-sequence suppression, repetition penalty, frequency/presence penalties, the constraint mask, then the
/// <see cref="TokenSampler"/>. Stages that would do nothing are left out. One instance per request; allocation-free
/// per token; not thread-safe.
/// </summary>
internal sealed class LogitsPipeline
{
    private readonly ILogitsProcessor[] _processors;
    private readonly TokenSampler _sampler;
    private readonly bool _constrained;

    /// <summary>Creates the pipeline for <paramref name="sampling"/>, optionally with EOS suppression and a constraint.</summary>
    /// <param name="sampling">Sampling and penalty settings.</param>
    /// <param name="vocabSize">Logits per step.</param>
    /// <param name="capacity">The most positions the sequence reaches (bounds the repetition penalty's memory).</param>
    /// <param name="maxTokens">The most tokens generated.</param>
    /// <param name="suppressedEos">End-of-sequence ids to mask, or null to allow them.</param>
    /// <param name="constraint">The token constraint, or null for free decoding.</param>
    /// <param name="tokenizerVocabulary">The tokenizer's token count when it is below <paramref name="vocabSize"/> (padded LM heads): the ids above are masked. Null: no mask.</param>
    public LogitsPipeline(SamplingOptions sampling, int vocabSize, int capacity, int maxTokens = 0, IEnumerable<int>? suppressedEos = null, ITokenConstraint? constraint = null, int? tokenizerVocabulary = null)
    {
        var stages = new List<ILogitsProcessor>(5);
        if (tokenizerVocabulary is { } tokens && tokens < vocabSize)
        {
            stages.Add(new UntokenizedIdMask(tokens));
        }

        if (suppressedEos is not null)
        {
            stages.Add(new EndOfSequenceSuppressor(suppressedEos));
        }

        if (sampling.RepetitionPenalty != 1f)
        {
            stages.Add(new RepetitionPenaltyProcessor(sampling.RepetitionPenalty, vocabSize, capacity));
        }

        if (sampling.FrequencyPenalty != 0f || sampling.PresencePenalty != 0f)
        {
            stages.Add(new FrequencyPresencePenaltyProcessor(sampling.FrequencyPenalty, sampling.PresencePenalty, vocabSize, maxTokens > 0 ? maxTokens : capacity));
        }

        if (constraint is not null)
        {
            stages.Add(new ConstraintMaskProcessor(constraint));
            _constrained = true;
        }

        _processors = stages.ToArray();
        _sampler = new TokenSampler(sampling, vocabSize);
    }

    /// <summary>Records a prompt token (for the repetition penalty).</summary>
    public void Observe(int tokenId)
    {
        foreach (var p in _processors)
        {
            p.Observe(tokenId, generated: false);
        }
    }

    /// <summary>Chooses the next token from <paramref name="logits"/> (modified in place) and advances every stage past it.</summary>
    /// <param name="logits">The next-token logits.</param>
    /// <param name="remainingTokens">Tokens left in the budget, this one included.</param>
    /// <exception cref="InvalidOperationException">The constraint allowed no token.</exception>
    public int Next(Span<float> logits, int remainingTokens = int.MaxValue)
    {
        foreach (var p in _processors)
        {
            p.Process(logits, remainingTokens);
        }

        var token = _sampler.Next(logits);
        if (_constrained && float.IsNegativeInfinity(logits[token]))
        {
            throw new InvalidOperationException("The token constraint allowed no token to follow the output so far.");
        }

        foreach (var p in _processors)
        {
            p.Observe(token, generated: true);
        }

        return token;
    }
}
