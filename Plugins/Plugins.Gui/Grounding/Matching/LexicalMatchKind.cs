namespace Plugins.Gui.Grounding.Matching;

/// <summary>How a target phrase matched a candidate's text in <see cref="LexicalSimilarity"/>.</summary>
public enum LexicalMatchKind
{
    /// <summary>Nothing in common.</summary>
    None,

    /// <summary>The same words, ignoring case, punctuation, spacing and word endings.</summary>
    Exact,

    /// <summary>The same meaning through the synonym table ("sign in" and "Log in").</summary>
    Synonym,

    /// <summary>The text starts with the whole target phrase.</summary>
    Prefix,

    /// <summary>Some words in common (token-set overlap).</summary>
    Tokens,

    /// <summary>Similar spelling only (character trigrams).</summary>
    Spelling,
}
