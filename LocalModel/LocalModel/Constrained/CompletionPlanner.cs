using System;

namespace LocalModel.Constrained;

/// <summary>
/// Writes the shortest byte completion of a recogniser state: what closes every open string, number, array, object,
/// tool call and root with the least bytes (required members and items with their shortest values, strings padded to
/// their minimum length). Per grammar node the shortest value, per object the shortest closing tail after each member
/// index and per sequence the shortest rest after each item are precomputed, so a completion costs one pass over the
/// stack. Choices are consistent: feeding a prefix of the completion leaves the rest as the new state's completion.
/// Everything is computed in the constructor; afterwards it only reads, so it is safe to share between threads, and
/// writing a completion allocates nothing.
/// </summary>
internal sealed class CompletionPlanner
{
    private const byte Pad = (byte)'a';

    private readonly GrammarNode[] _nodes;
    private readonly byte[]?[] _min;
    private readonly byte[][][] _tail;
    private readonly int[][][] _keyExtra;
    private readonly byte[][][] _rest;
    private readonly int[][] _switchExtra;
    private readonly int[] _literalZero;

    /// <summary>Precomputes the shortest values of <paramref name="grammar"/>'s nodes.</summary>
    public CompletionPlanner(Grammar grammar)
    {
        _nodes = grammar.Nodes;
        var count = _nodes.Length;
        _min = new byte[count][];
        _tail = new byte[count][][];
        _keyExtra = new int[count][][];
        _rest = new byte[count][][];
        _switchExtra = new int[count][];
        var values = 1;
        foreach (var node in _nodes)
        {
            values = Math.Max(values, node.Trie?.ValueCount ?? 0);
        }

        _literalZero = new int[values];
        for (var i = 0; i < count; i++)
        {
            Min(i);
        }

        MaxValueBytes = 0;
        for (var i = 0; i < count; i++)
        {
            MaxValueBytes = Math.Max(MaxValueBytes, _min[i]!.Length);
        }
    }

    /// <summary>Gets the length of the longest shortest value of any node (bounds how much one byte can grow a completion).</summary>
    public int MaxValueBytes { get; }

    /// <summary>Gets the shortest value of node <paramref name="id"/>.</summary>
    public byte[] Min(int id)
    {
        if (_min[id] is { } known)
        {
            return known;
        }

        var node = _nodes[id];
        var buffer = new CompletionBuffer();
        switch (node.Kind)
        {
            case GrammarNodeKind.Literal:
                node.Trie!.AppendPath(0, node.Trie.Best(0, _literalZero), buffer);
                break;
            case GrammarNodeKind.String:
                buffer.Add((byte)'"');
                AppendStringContent(node, 0, 0, buffer);
                break;
            case GrammarNodeKind.Number:
                AppendDigits(!node.HasBounds ? 0 : node.Minimum > 0 ? node.Minimum : node.Maximum < 0 ? node.Maximum : 0, 1, buffer);
                break;
            case GrammarNodeKind.Object:
                PrepareObject(id, node);
                buffer.Add((byte)'{');
                AppendObjectFrom(id, node, 0, first: true, buffer);
                break;
            case GrammarNodeKind.FreeObject:
                buffer.Add("{}"u8);
                break;
            case GrammarNodeKind.Array:
                buffer.Add((byte)'[');
                AppendItems(node, node.MinItems, first: true, buffer);
                break;
            case GrammarNodeKind.Union:
                byte[]? best = null;
                foreach (var target in node.Dispatch)
                {
                    if (target >= 0 && (best is null || Min(target).Length < best.Length))
                    {
                        best = Min(target);
                    }
                }

                buffer.Add(best ?? "0"u8.ToArray());
                break;
            case GrammarNodeKind.Sequence:
                PrepareSequence(id, node);
                buffer.Add(_rest[id][0]);
                break;
            case GrammarNodeKind.JsonRoot:
                buffer.Add(Min(node.Child));
                break;
            case GrammarNodeKind.ToolCallRoot:
                break;
            default:
                buffer.Add((byte)'0');
                break;
        }

        return _min[id] = buffer.Span.ToArray();
    }

    /// <summary>Appends the shortest completion of <paramref name="frames"/> (bottom first) to <paramref name="buffer"/>.</summary>
    public void Append(ReadOnlySpan<RecognizerFrame> frames, CompletionBuffer buffer)
    {
        for (var i = frames.Length - 1; i >= 0; i--)
        {
            if (i == frames.Length - 1)
            {
                AppendTop(frames[i], buffer);
            }
            else
            {
                AppendAfterChild(frames[i], buffer);
            }
        }
    }

    private void AppendTop(in RecognizerFrame f, CompletionBuffer buffer)
    {
        var id = f.Node;
        var node = _nodes[id];
        switch (node.Kind)
        {
            case GrammarNodeKind.Literal:
                if (node.Trie!.ValueAt(f.State) < 0)
                {
                    node.Trie.AppendPath(f.State, node.Trie.Best(f.State, _literalZero), buffer);
                }

                break;
            case GrammarNodeKind.String:
                AppendStringTop(f, node, buffer);
                break;
            case GrammarNodeKind.Number:
                AppendNumberTop(f, id, node, buffer);
                break;
            case GrammarNodeKind.Object:
                AppendObjectTop(f, id, node, buffer);
                break;
            case GrammarNodeKind.FreeObject:
                switch (f.State)
                {
                    case 0:
                        buffer.Add("{}"u8);
                        break;
                    case 3:
                        buffer.Add((byte)':');
                        buffer.Add(Min(node.Child));
                        buffer.Add((byte)'}');
                        break;
                    case 4 or 5:
                        buffer.Add(Min(node.Child));
                        buffer.Add((byte)'}');
                        break;
                    case 8 or 9:
                        buffer.Add("\"\":"u8);
                        buffer.Add(Min(node.Child));
                        buffer.Add((byte)'}');
                        break;
                    default:
                        buffer.Add((byte)'}');
                        break;
                }

                break;
            case GrammarNodeKind.Array:
                switch (f.State)
                {
                    case 0:
                        buffer.Add(Min(id));
                        break;
                    case 1:
                        AppendItems(node, node.MinItems, first: true, buffer);
                        break;
                    case 8 or 9:
                        AppendItems(node, Math.Max(1, node.MinItems - f.A), first: true, buffer);
                        break;
                    default:
                        AppendItems(node, Math.Max(0, node.MinItems - f.A), first: false, buffer);
                        break;
                }

                break;
            case GrammarNodeKind.Sequence:
                AppendSequenceTop(f, id, node, buffer);
                break;
            case GrammarNodeKind.JsonRoot:
                if (f.State == 0)
                {
                    buffer.Add(Min(node.Child));
                }

                break;
            case GrammarNodeKind.ToolCallRoot:
                AppendToolRootTop(f, node, buffer);
                break;
            default:
                buffer.Add(Min(id));
                break;
        }
    }

    // A frame below the top waits for its child; what it needs once the child is done.
    private void AppendAfterChild(in RecognizerFrame f, CompletionBuffer buffer)
    {
        var id = f.Node;
        var node = _nodes[id];
        switch (node.Kind)
        {
            case GrammarNodeKind.Object:
                buffer.Add(_tail[id][f.A + 1]);
                break;
            case GrammarNodeKind.FreeObject when f.State == 2:
                buffer.Add((byte)':');
                buffer.Add(Min(node.Child));
                buffer.Add((byte)'}');
                break;
            case GrammarNodeKind.FreeObject:
                buffer.Add((byte)'}');
                break;
            case GrammarNodeKind.Array:
                AppendItems(node, Math.Max(0, node.MinItems - f.A - 1), first: false, buffer);
                break;
            case GrammarNodeKind.Sequence:
                buffer.Add(_rest[id][f.State + 1]);
                break;
        }
    }

    private void AppendToolRootTop(in RecognizerFrame f, GrammarNode node, CompletionBuffer buffer)
    {
        // States: 0 leading whitespace, 1 tag (B bytes matched), 5 tag after '\n'; the others need nothing.
        var started = f.State == 5 || (f.State == 1 && f.B > 0);
        if (f.State is not (0 or 1 or 5) || (!started && node.AllowText))
        {
            return;
        }

        var call = Min(node.Child);
        var matched = f.State == 0 ? 0 : f.B;
        if (!started && node.Answer >= 0 && Min(node.Answer).Length <= node.Tag.Length + call.Length)
        {
            buffer.Add(Min(node.Answer));
            return;
        }

        buffer.Add(node.Tag.AsSpan(matched));
        buffer.Add(call);
    }

    private void AppendStringTop(in RecognizerFrame f, GrammarNode node, CompletionBuffer buffer)
    {
        switch (f.State)
        {
            case 0:
                buffer.Add((byte)'"');
                AppendStringContent(node, 0, 0, buffer);
                return;
            case 1:
                AppendStringContent(node, f.A, f.B, buffer);
                return;
            case 2:
                buffer.Add((byte)'n');
                break;
            case 3 or 4 or 5 or 6:
                buffer.Add((byte)'0', 7 - f.State);
                break;
            default:
                var remaining = f.B & 0xFF;
                buffer.Add((byte)((f.B >> 8) & 0xFF));
                buffer.Add(0x80, remaining - 1);
                break;
        }

        AppendStringContent(node, f.A, 0, buffer);
    }

    // Content from `chars` characters written (pattern strings: automaton state `state`), then the closing quote.
    private static void AppendStringContent(GrammarNode node, int chars, int state, CompletionBuffer buffer)
    {
        if (node.Pattern is not { } pattern)
        {
            buffer.Add(Pad, Math.Max(0, node.MinLength - chars));
            buffer.Add((byte)'"');
            return;
        }

        var stride = node.MaxLength + 2;
        var table = node.PatternNextFeasible;
        var left = table[(state * stride) + Math.Max(0, node.MinLength - chars)];
        for (; left > 0; left--)
        {
            for (var c = PatternAutomaton.FirstChar; c < PatternAutomaton.EndChar; c++)
            {
                var next = pattern.Next(state, c);
                if (next >= 0 && table[(next * stride) + left - 1] == left - 1)
                {
                    buffer.Add((byte)c);
                    state = next;
                    break;
                }
            }
        }

        buffer.Add((byte)'"');
    }

    // Writes `value` in decimal with at least `digits` digits (zero-padded), without allocating.
    private static void AppendDigits(Int128 value, int digits, CompletionBuffer buffer)
    {
        if (value < 0)
        {
            buffer.Add((byte)'-');
            value = -value;
        }

        var count = 1;
        for (var rest = value / 10; rest > 0; rest /= 10)
        {
            count++;
        }

        count = Math.Max(count, digits);
        var start = buffer.Reserve(count);
        for (var i = count - 1; i >= 0; i--)
        {
            buffer[start + i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }

    // Number states as in GrammarRecognizer.StepNumber: 0 start, 1 after '-', 2 leading 0, 3 digits, 4 after '.',
    // 5 fraction, 6 after 'e', 7 after the exponent sign, 8 exponent digits. B = 1 when negative, C = magnitude.
    private void AppendNumberTop(in RecognizerFrame f, int id, GrammarNode node, CompletionBuffer buffer)
    {
        switch (f.State)
        {
            case 0:
                buffer.Add(Min(id));
                return;
            case 1:
                if (!node.HasBounds)
                {
                    buffer.Add((byte)'0');
                    return;
                }

                var least = -(Int128)node.Maximum;
                AppendDigits(least < 0 ? 0 : least, 1, buffer);
                return;
            case 3 when node.HasBounds:
                AppendIntegerDigits(node, f.B == 1, f.C, node.MaxBytes - f.A, buffer);
                return;
            case 4 or 6 or 7:
                buffer.Add((byte)'0');
                return;
        }
    }

    // The fewest digits after magnitude m that bring the integer into range (as GrammarRecognizer.IntegerFeasible).
    private static void AppendIntegerDigits(GrammarNode node, bool negative, long magnitude, int room, CompletionBuffer buffer)
    {
        Int128 lo = negative ? -(Int128)node.Maximum : node.Minimum;
        Int128 hi = negative ? -(Int128)node.Minimum : node.Maximum;
        lo = lo < 0 ? 0 : lo;
        if (magnitude >= lo && magnitude <= hi)
        {
            return;
        }

        Int128 scale = 1;
        for (var k = 1; k <= room; k++)
        {
            scale *= 10;
            Int128 first = magnitude * scale;
            if (first > hi)
            {
                return;
            }

            if (first + scale - 1 >= lo)
            {
                AppendDigits((first >= lo ? first : lo) - first, k, buffer);
                return;
            }
        }
    }

    private void AppendItems(GrammarNode node, int count, bool first, CompletionBuffer buffer)
    {
        var item = Min(node.Child);
        for (var i = 0; i < count; i++)
        {
            if (i > 0 || !first)
            {
                buffer.Add((byte)',');
            }

            buffer.Add(item);
        }

        buffer.Add((byte)']');
    }

    private void PrepareObject(int id, GrammarNode node)
    {
        if (_tail[id] is not null)
        {
            return;
        }

        var count = node.Properties.Length;
        var tail = new byte[count + 1][];
        var extra = new int[count + 1][];
        tail[count] = "}"u8.ToArray();
        extra[count] = [];
        for (var i = count - 1; i >= 0; i--)
        {
            // Cost of choosing property p after index i: ':' + its shortest value + the tail after it.
            var costs = new int[count];
            for (var p = i; p < count; p++)
            {
                costs[p] = 1 + Min(node.Properties[p].Node).Length + tail[p + 1].Length;
            }

            extra[i] = costs;
            var buffer = new CompletionBuffer();
            if (node.CanCloseAt[i])
            {
                buffer.Add((byte)'}');
            }
            else
            {
                buffer.Add((byte)',');
                AppendMember(node, i, 0, tail, costs, buffer);
            }

            tail[i] = buffer.Span.ToArray();
        }

        _tail[id] = tail;
        _keyExtra[id] = extra;
    }

    // The best member from key-trie KeyTries[i] node `at`: the rest of its key, ':', its shortest value, the tail after it.
    private void AppendMember(GrammarNode node, int i, int at, byte[][] tail, int[] costs, CompletionBuffer buffer)
    {
        var trie = node.KeyTries[i];
        var end = trie.Best(at, costs);
        var p = trie.ValueAt(end);
        trie.AppendPath(at, end, buffer);
        buffer.Add((byte)':');
        buffer.Add(Min(node.Properties[p].Node));
        buffer.Add(tail[p + 1]);
    }

    private void AppendObjectFrom(int id, GrammarNode node, int i, bool first, CompletionBuffer buffer)
    {
        if (node.CanCloseAt[i])
        {
            buffer.Add((byte)'}');
            return;
        }

        if (!first)
        {
            buffer.Add((byte)',');
        }

        AppendMember(node, i, 0, _tail[id], _keyExtra[id][i], buffer);
    }

    // Object states as in GrammarRecognizer.StepObject.
    private void AppendObjectTop(in RecognizerFrame f, int id, GrammarNode node, CompletionBuffer buffer)
    {
        var tail = _tail[id];
        switch (f.State)
        {
            case 0:
                buffer.Add(Min(id));
                break;
            case 1:
                AppendObjectFrom(id, node, 0, first: true, buffer);
                break;
            case 2:
                AppendMember(node, f.A, f.B, tail, _keyExtra[id][f.A], buffer);
                break;
            case 3:
                buffer.Add((byte)':');
                buffer.Add(Min(node.Properties[f.A].Node));
                buffer.Add(tail[f.A + 1]);
                break;
            case 4 or 5:
                buffer.Add(Min(node.Properties[f.A].Node));
                buffer.Add(tail[f.A + 1]);
                break;
            case 7:
                buffer.Add(tail[f.A]);
                break;
            default:
                AppendMember(node, f.A, 0, tail, _keyExtra[id][f.A], buffer);
                break;
        }
    }

    private void PrepareSequence(int id, GrammarNode node)
    {
        var items = node.Items;
        var rest = new byte[items.Length + 1][];
        rest[items.Length] = [];
        for (var k = items.Length - 1; k >= 0; k--)
        {
            var buffer = new CompletionBuffer();
            var item = items[k];
            switch (item.Kind)
            {
                case SequenceItemKind.Literal:
                    buffer.Add(item.Bytes);
                    break;
                case SequenceItemKind.Child:
                    buffer.Add(Min(item.Child));
                    break;
                case SequenceItemKind.Switch:
                    AppendSwitch(id, item, 0, buffer);
                    break;
            }

            buffer.Add(rest[k + 1]);
            rest[k] = buffer.Span.ToArray();
        }

        _rest[id] = rest;
    }

    private void AppendSwitch(int id, SequenceItem item, int at, CompletionBuffer buffer)
    {
        var costs = _switchExtra[id];
        if (costs is null)
        {
            costs = new int[item.Branches!.Length];
            for (var v = 0; v < costs.Length; v++)
            {
                costs[v] = Min(item.Branches[v]).Length;
            }

            _switchExtra[id] = costs;
        }

        var end = item.Switch!.Best(at, costs);
        item.Switch.AppendPath(at, end, buffer);
        buffer.Add(Min(item.Branches![item.Switch.ValueAt(end)]));
    }

    // Sequence: State = item index, A = bytes matched of a literal item or the switch-trie node.
    private void AppendSequenceTop(in RecognizerFrame f, int id, GrammarNode node, CompletionBuffer buffer)
    {
        var rest = _rest[id];
        var item = node.Items[f.State];
        switch (item.Kind)
        {
            case SequenceItemKind.Literal:
                buffer.Add(item.Bytes.AsSpan(f.A));
                buffer.Add(rest[f.State + 1]);
                break;
            case SequenceItemKind.Switch:
                AppendSwitch(id, item, f.A, buffer);
                buffer.Add(rest[f.State + 1]);
                break;
            default:
                buffer.Add(rest[f.State]);
                break;
        }
    }
}
