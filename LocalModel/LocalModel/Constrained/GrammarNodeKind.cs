namespace LocalModel.Constrained;

/// <summary>The kinds of node a compiled grammar is made of; each has its own byte-level step in <see cref="GrammarRecognizer"/>.</summary>
internal enum GrammarNodeKind : byte
{
    /// <summary>One of a fixed set of byte strings (enum, const, booleans, null, tool names).</summary>
    Literal,

    /// <summary>A JSON string with a length range in characters.</summary>
    String,

    /// <summary>A JSON number or integer, with an optional integer range and a byte cap.</summary>
    Number,

    /// <summary>A JSON object with declared properties in schema order and no others.</summary>
    Object,

    /// <summary>A JSON object with any keys; each value follows one child node.</summary>
    FreeObject,

    /// <summary>A JSON array of one item node, with an item count range.</summary>
    Array,

    /// <summary>Any JSON value, nesting bounded by the recogniser's maximum depth.</summary>
    AnyValue,

    /// <summary>Alternatives told apart by their first byte.</summary>
    Union,

    /// <summary>Literal bytes, optional spaces, child nodes and name switches in a fixed order.</summary>
    Sequence,

    /// <summary>The top of a JSON document: bounded leading whitespace, one value, then the end.</summary>
    JsonRoot,

    /// <summary>The top of a tool-call output: text or tool calls (see <see cref="ToolCallConstraint"/>).</summary>
    ToolCallRoot,
}
