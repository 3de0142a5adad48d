namespace LocalModel.Selection;

/// <summary>
/// Chooses which visual tokens of one image reach the language model. Runs between the vision encoder and
/// the projector. Implementations must be thread-safe: one instance serves concurrent requests.
/// </summary>
public interface IVisualTokenSelector
{
    /// <summary>Gets the selector's name (for logs and usage).</summary>
    string Name { get; }

    /// <summary>
    /// Returns the indices of the tokens to keep, in the order they are to be placed in the prompt. Each index is
    /// in <c>0..TokenCount-1</c> and appears at most once.
    /// </summary>
    int[] Select(VisualTokenSelectionContext context);
}
