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
    /// Returns what to keep, in the order it is to be placed in the prompt: original token indices (each in
    /// <c>0..TokenCount-1</c>, at most once) or new feature rows with the positions they take.
    /// </summary>
    VisualTokenSelection Select(VisualTokenSelectionContext context);
}
