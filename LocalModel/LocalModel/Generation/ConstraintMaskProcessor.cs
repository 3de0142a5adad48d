using System;

namespace LocalModel.Generation;

/// <summary>Applies a request's <see cref="ITokenConstraint"/>: masks what may not come next, given the tokens left, and advances it past each chosen token.</summary>
internal sealed class ConstraintMaskProcessor : ILogitsProcessor
{
    private readonly ITokenConstraint _constraint;

    public ConstraintMaskProcessor(ITokenConstraint constraint) => _constraint = constraint;

    public void Process(Span<float> logits, int remainingTokens) => _constraint.Mask(logits, remainingTokens);

    public void Observe(int tokenId, bool generated)
    {
        if (generated)
        {
            _constraint.Accept(tokenId);
        }
    }
}
