namespace LocalModel.Constrained;

/// <summary>What one item of a <see cref="GrammarNodeKind.Sequence"/> node matches.</summary>
internal enum SequenceItemKind : byte
{
    /// <summary>Exact bytes.</summary>
    Literal,

    /// <summary>Nothing or one space.</summary>
    OptionalSpace,

    /// <summary>Nothing or one <c>\n</c>.</summary>
    OptionalNewline,

    /// <summary>A child node.</summary>
    Child,

    /// <summary>One of a set of literals; the literal matched picks the branch node that follows.</summary>
    Switch,
}
