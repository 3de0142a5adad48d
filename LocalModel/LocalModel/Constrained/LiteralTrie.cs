using System;
using System.Collections.Generic;

namespace LocalModel.Constrained;

/// <summary>
/// An immutable byte trie over a small set of literals (enum values, property keys, tool names); node 0 is the root.
/// Each literal's value is its index in the list it was built from.
/// </summary>
internal sealed class LiteralTrie
{
    private readonly int[] _edgeStart;
    private readonly byte[] _edgeLabel;
    private readonly int[] _edgeTarget;
    private readonly int[] _value;
    private readonly int[] _parent;
    private readonly byte[] _label;

    private LiteralTrie(int[] edgeStart, byte[] edgeLabel, int[] edgeTarget, int[] value)
    {
        _edgeStart = edgeStart;
        _edgeLabel = edgeLabel;
        _edgeTarget = edgeTarget;
        _value = value;
        _parent = new int[value.Length];
        _label = new byte[value.Length];
        _parent[0] = -1;
        for (var n = 0; n < value.Length; n++)
        {
            for (var e = edgeStart[n]; e < edgeStart[n + 1]; e++)
            {
                _parent[edgeTarget[e]] = n;
                _label[edgeTarget[e]] = edgeLabel[e];
            }
        }
    }

    /// <summary>Gets one more than the largest literal value.</summary>
    public int ValueCount
    {
        get
        {
            var max = -1;
            foreach (var v in _value)
            {
                max = Math.Max(max, v);
            }

            return max + 1;
        }
    }

    /// <summary>
    /// Finds the literal at or below <paramref name="node"/> with the least remaining bytes plus
    /// <paramref name="extraCost"/>[value] (ties: the lower value), and returns the node where it ends.
    /// </summary>
    public int Best(int node, int[] extraCost)
    {
        var bestCost = int.MaxValue;
        var bestValue = int.MaxValue;
        var bestNode = -1;
        Search(node, 0, extraCost, ref bestCost, ref bestValue, ref bestNode);
        return bestNode;
    }

    /// <summary>Appends the bytes from <paramref name="from"/> down to its descendant <paramref name="to"/>.</summary>
    public void AppendPath(int from, int to, CompletionBuffer buffer)
    {
        var depth = 0;
        for (var n = to; n != from; n = _parent[n])
        {
            depth++;
        }

        var start = buffer.Reserve(depth);
        for (var n = to; n != from; n = _parent[n])
        {
            buffer[start + --depth] = _label[n];
        }
    }

    private void Search(int node, int depth, int[] extraCost, ref int bestCost, ref int bestValue, ref int bestNode)
    {
        var value = _value[node];
        if (value >= 0)
        {
            var cost = depth + extraCost[value];
            if (cost < bestCost || (cost == bestCost && value < bestValue))
            {
                (bestCost, bestValue, bestNode) = (cost, value, node);
            }
        }

        for (var e = _edgeStart[node]; e < _edgeStart[node + 1]; e++)
        {
            Search(_edgeTarget[e], depth + 1, extraCost, ref bestCost, ref bestValue, ref bestNode);
        }
    }

    /// <summary>Builds a trie; literal <c>i</c> gets value <c>i</c>. Empty literals are skipped; a duplicate keeps the first value.</summary>
    public static LiteralTrie Build(IReadOnlyList<byte[]> literals)
    {
        var children = new List<SortedDictionary<byte, int>> { new() };
        var values = new List<int> { -1 };
        for (var i = 0; i < literals.Count; i++)
        {
            if (literals[i].Length == 0)
            {
                continue;
            }

            var node = 0;
            foreach (var b in literals[i])
            {
                if (!children[node].TryGetValue(b, out var next))
                {
                    next = children.Count;
                    children.Add(new SortedDictionary<byte, int>());
                    values.Add(-1);
                    children[node].Add(b, next);
                }

                node = next;
            }

            if (values[node] < 0)
            {
                values[node] = i;
            }
        }

        var edgeStart = new int[children.Count + 1];
        var labels = new List<byte>();
        var targets = new List<int>();
        for (var n = 0; n < children.Count; n++)
        {
            edgeStart[n] = labels.Count;
            foreach (var (label, target) in children[n])
            {
                labels.Add(label);
                targets.Add(target);
            }
        }

        edgeStart[children.Count] = labels.Count;
        return new LiteralTrie(edgeStart, labels.ToArray(), targets.ToArray(), values.ToArray());
    }

    /// <summary>Gets the child of <paramref name="node"/> along byte <paramref name="symbol"/>, or -1.</summary>
    public int Next(int node, int symbol)
    {
        for (var e = _edgeStart[node]; e < _edgeStart[node + 1]; e++)
        {
            if (_edgeLabel[e] == symbol)
            {
                return _edgeTarget[e];
            }
        }

        return -1;
    }

    /// <summary>Gets the value of the literal ending at <paramref name="node"/>, or -1.</summary>
    public int ValueAt(int node) => _value[node];

    /// <summary>Gets whether some literal continues past <paramref name="node"/>.</summary>
    public bool HasChildren(int node) => _edgeStart[node + 1] > _edgeStart[node];

    /// <summary>Marks the first byte of every literal in <paramref name="firstBytes"/>.</summary>
    public void AddFirstBytes(Span<bool> firstBytes)
    {
        for (var e = _edgeStart[0]; e < _edgeStart[1]; e++)
        {
            firstBytes[_edgeLabel[e]] = true;
        }
    }
}
