namespace LocalModel.Constrained;

/// <summary>One node of a compiled grammar; which members matter depends on <see cref="Kind"/>.</summary>
internal sealed class GrammarNode
{
    /// <summary>Gets the node kind.</summary>
    public GrammarNodeKind Kind { get; init; }

    /// <summary>Gets the fewest characters of a string.</summary>
    public int MinLength { get; init; }

    /// <summary>Gets the most characters of a string (the schema's maxLength capped by the options).</summary>
    public int MaxLength { get; init; }

    /// <summary>Gets the most bytes of a number.</summary>
    public int MaxBytes { get; init; }

    /// <summary>Gets whether a number must be an integer (no fraction or exponent).</summary>
    public bool IntegerOnly { get; init; }

    /// <summary>
    /// Gets whether <see cref="Minimum"/> and <see cref="Maximum"/> apply. On an integer they bound the value; on a
    /// number they bound integer values and allow a fraction only after an integer part m whose whole unit
    /// ([m, m+1], or [-(m+1), -m] when negative) lies in range; a bounded number has no exponent.
    /// </summary>
    public bool HasBounds { get; init; }

    /// <summary>Gets the smallest integer allowed.</summary>
    public long Minimum { get; init; } = long.MinValue;

    /// <summary>Gets the largest integer allowed.</summary>
    public long Maximum { get; init; } = long.MaxValue;

    /// <summary>Gets the automaton the content of a string node must match, or null for any content.</summary>
    public PatternAutomaton? Pattern { get; init; }

    /// <summary>Gets <see cref="PatternAutomaton.BuildNextFeasible"/> of <see cref="Pattern"/> for <see cref="MaxLength"/>.</summary>
    public int[] PatternNextFeasible { get; init; } = [];

    /// <summary>Gets the literals of a literal node.</summary>
    public LiteralTrie? Trie { get; init; }

    /// <summary>Gets the declared properties of an object node, in schema order.</summary>
    public ObjectProperty[] Properties { get; init; } = [];

    /// <summary>Gets, per property index i, the trie of keys that may come next when properties before i are settled.</summary>
    public LiteralTrie[] KeyTries { get; init; } = [];

    /// <summary>Gets, per property index i (0..count), whether the object may close when properties before i are settled.</summary>
    public bool[] CanCloseAt { get; init; } = [];

    /// <summary>Gets the child node: array item, free-object value, root value or tool-call body.</summary>
    public int Child { get; init; } = -1;

    /// <summary>Gets the key node of a free object.</summary>
    public int KeyNode { get; init; } = -1;

    /// <summary>Gets the fewest items of an array.</summary>
    public int MinItems { get; init; }

    /// <summary>Gets the most items of an array or members of a free object.</summary>
    public int MaxItems { get; init; }

    /// <summary>Gets, per first byte, the alternative of a union node (-1 when none starts with it).</summary>
    public int[] Dispatch { get; init; } = [];

    /// <summary>Gets the items of a sequence node.</summary>
    public SequenceItem[] Items { get; init; } = [];

    /// <summary>Gets the opening tag of a tool-call root.</summary>
    public byte[] Tag { get; init; } = [];

    /// <summary>Gets whether a tool-call root allows plain text instead of tool calls.</summary>
    public bool AllowText { get; init; }

    /// <summary>Gets the JSON answer a tool-call root allows instead of calls (a value node), or -1 for none.</summary>
    public int Answer { get; init; } = -1;

    /// <summary>Gets the most tool calls of a tool-call root.</summary>
    public int MaxCalls { get; init; }

    /// <summary>Gets the most leading whitespace bytes of a root.</summary>
    public int MaxLeadingWhitespace { get; init; }
}
