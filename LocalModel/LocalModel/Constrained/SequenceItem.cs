namespace LocalModel.Constrained;

/// <summary>One item of a <see cref="GrammarNodeKind.Sequence"/> node.</summary>
/// <param name="Kind">What the item matches.</param>
/// <param name="Bytes">The literal bytes (<see cref="SequenceItemKind.Literal"/>).</param>
/// <param name="Child">The child node id (<see cref="SequenceItemKind.Child"/>).</param>
/// <param name="Switch">The literals to choose from (<see cref="SequenceItemKind.Switch"/>); literal values index <paramref name="Branches"/>.</param>
/// <param name="Branches">The node that follows each switch literal.</param>
internal readonly record struct SequenceItem(SequenceItemKind Kind, byte[]? Bytes = null, int Child = -1, LiteralTrie? Switch = null, int[]? Branches = null);
