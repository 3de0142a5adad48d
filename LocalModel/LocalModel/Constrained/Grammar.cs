using System.Collections.Generic;

namespace LocalModel.Constrained;

/// <summary>
/// A compiled grammar: a node table whose root is a <see cref="GrammarNodeKind.JsonRoot"/> or
/// <see cref="GrammarNodeKind.ToolCallRoot"/> node, plus the shared nodes that free JSON values use.
/// Immutable once <see cref="Seal"/> ran, and then safe to share between requests and threads.
/// </summary>
internal sealed class Grammar
{
    private readonly List<GrammarNode> _building = new();

    /// <summary>Creates a grammar and its shared free-value nodes.</summary>
    public Grammar(JsonGrammarOptions options)
    {
        Options = options;
        FreeString = Add(new GrammarNode { Kind = GrammarNodeKind.String, MaxLength = options.MaxStringLength });
        FreeNumber = Add(new GrammarNode { Kind = GrammarNodeKind.Number, MaxBytes = options.MaxNumberLength });
        Scalars = Add(new GrammarNode { Kind = GrammarNodeKind.Literal, Trie = LiteralTrie.Build([JsonText.True, JsonText.False, JsonText.Null]) });
        AnyValue = Add(new GrammarNode { Kind = GrammarNodeKind.AnyValue });
        FreeObject = Add(new GrammarNode { Kind = GrammarNodeKind.FreeObject, KeyNode = FreeString, Child = AnyValue, MaxItems = options.MaxArrayItems });
        FreeArray = Add(new GrammarNode { Kind = GrammarNodeKind.Array, Child = AnyValue, MaxItems = options.MaxArrayItems });
    }

    /// <summary>Gets the options the grammar was compiled with.</summary>
    public JsonGrammarOptions Options { get; }

    /// <summary>Gets the node table (after <see cref="Seal"/>).</summary>
    public GrammarNode[] Nodes { get; private set; } = [];

    /// <summary>Gets the root node id (after <see cref="Seal"/>).</summary>
    public int Root { get; private set; } = -1;

    /// <summary>Gets the node of any string.</summary>
    public int FreeString { get; }

    /// <summary>Gets the node of any number.</summary>
    public int FreeNumber { get; }

    /// <summary>Gets the node of <c>true</c>, <c>false</c> and <c>null</c>.</summary>
    public int Scalars { get; }

    /// <summary>Gets the node of any JSON value.</summary>
    public int AnyValue { get; }

    /// <summary>Gets the node of any JSON object.</summary>
    public int FreeObject { get; }

    /// <summary>Gets the node of any JSON array.</summary>
    public int FreeArray { get; }

    /// <summary>Adds a node and returns its id.</summary>
    public int Add(GrammarNode node)
    {
        _building.Add(node);
        return _building.Count - 1;
    }

    /// <summary>Gets a node being built.</summary>
    public GrammarNode Get(int id) => _building[id];

    /// <summary>Fixes the node table and the root.</summary>
    public Grammar Seal(int root)
    {
        Nodes = _building.ToArray();
        Root = root;
        return this;
    }
}
