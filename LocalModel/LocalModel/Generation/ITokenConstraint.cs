using System;

namespace LocalModel.Generation;

/// <summary>
/// Restricts which tokens may come next (constrained decoding). One instance per request: it is stateful and
/// not thread-safe. The engine calls <see cref="Mask(Span{float})"/> before choosing each token and <see cref="Accept"/> with
/// the token chosen; once <see cref="IsComplete"/> is true the engine ends generation.
/// </summary>
public interface ITokenConstraint
{
    /// <summary>Gets whether the constrained output is complete, so generation ends.</summary>
    bool IsComplete { get; }

    /// <summary>Sets the logits of every token that may not come next to negative infinity.</summary>
    /// <param name="logits">The next-token logits, one per vocabulary entry.</param>
    void Mask(Span<float> logits);

    /// <summary>
    /// Sets the logits of every token that may not come next to negative infinity, knowing that at most
    /// <paramref name="remainingTokens"/> tokens (this one included) can still be generated. A constraint that
    /// can close its output early (strings, arrays, objects, a tool call) steers to its shortest valid completion
    /// in time; the default ignores the budget and calls <see cref="Mask(Span{float})"/>.
    /// </summary>
    /// <param name="logits">The next-token logits, one per vocabulary entry.</param>
    /// <param name="remainingTokens">Tokens left in the budget, including the one being chosen (at least 1).</param>
    void Mask(Span<float> logits, int remainingTokens) => Mask(logits);

    /// <summary>
    /// Gets how many tokens the shortest valid completion of the output so far takes: 0 when it may end here (the
    /// default, for constraints that cannot tell). Before the first token, the engine refuses a request whose context
    /// cannot hold this many tokens after the prompt, instead of generating an output that cannot be completed.
    /// </summary>
    /// <returns>The token count; <see cref="int.MaxValue"/> when the vocabulary cannot spell it.</returns>
    int MinimalCompletionTokens() => 0;

    /// <summary>Advances the constraint past <paramref name="tokenId"/>, which <see cref="Mask(Span{float})"/> allowed.</summary>
    /// <param name="tokenId">The token the engine chose.</param>
    void Accept(int tokenId);
}
