using System;

namespace LocalModel.Generation;

/// <summary>
/// One stage of the <see cref="LogitsPipeline"/>: rewrites next-token logits in place before the sampler picks a
/// token, and learns each token that joins the sequence. Stateful per request; not thread-safe.
/// </summary>
internal interface ILogitsProcessor
{
    /// <summary>Rewrites <paramref name="logits"/> in place.</summary>
    /// <param name="logits">The next-token logits.</param>
    /// <param name="remainingTokens">Tokens left in the request's budget, this one included.</param>
    void Process(Span<float> logits, int remainingTokens);

    /// <summary>Records a token of the sequence: a prompt token (<paramref name="generated"/> false) or a chosen one.</summary>
    void Observe(int tokenId, bool generated);
}
