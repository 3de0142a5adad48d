namespace Plugins.Gui.Grounding.Matching;

/// <summary>The lexical similarity of a target phrase and one text.</summary>
/// <param name="Score">Similarity in [0, 1]; 1 is an exact match.</param>
/// <param name="Kind">Which rule gave the score.</param>
public readonly record struct LexicalMatch(double Score, LexicalMatchKind Kind)
{
    /// <summary>No similarity.</summary>
    public static LexicalMatch None => new(0, LexicalMatchKind.None);
}
