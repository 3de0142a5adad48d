namespace LocalModel.Constrained;

/// <summary>One frame of the recogniser's stack: a node and its progress. Field meaning depends on the node kind.</summary>
internal struct RecognizerFrame
{
    /// <summary>The grammar node id.</summary>
    public int Node;

    /// <summary>The node-specific state.</summary>
    public int State;

    /// <summary>A node-specific counter (characters, bytes, items, property index).</summary>
    public int A;

    /// <summary>A node-specific auxiliary value (trie node, pending UTF-8 bytes, flags).</summary>
    public int B;

    /// <summary>A node-specific wide value (integer magnitude, tool-call count).</summary>
    public long C;
}
