using System;

namespace LocalModel.Constrained;

/// <summary>
/// An incremental pushdown recogniser over UTF-8 bytes for a compiled <see cref="Grammar"/>. It accepts exactly the
/// prefixes of outputs the grammar allows, and every prefix it accepts can still be completed (no dead ends), so a
/// token mask built from it never leaves the model without a way forward.
/// </summary>
/// <remarks>
/// State is a stack of <see cref="RecognizerFrame"/>s. Every change is recorded in an undo log first, so callers
/// take a <see cref="Checkpoint"/>, try bytes and <see cref="Rollback"/> cheaply (the token-trie walk does this at
/// every trie node); <see cref="Commit"/> forgets the log once a token is accepted. Not thread-safe.
/// </remarks>
internal sealed class GrammarRecognizer
{
    /// <summary>The end-of-output symbol, fed after byte values 0..255.</summary>
    public const int End = 256;

    // Tool-call root states.
    private const int RootLeading = 0;
    private const int RootTag = 1;
    private const int RootInCall = 2;
    private const int RootFreeText = 3;
    private const int RootAfterCall = 4;
    private const int RootNextTag = 5;
    private const int RootAnswer = 6;
    private const int RootAnswerDone = 7;

    private readonly GrammarNode[] _nodes;
    private readonly int _maxDepth;
    private readonly int _freeObject;
    private readonly int _freeArray;
    private readonly int _freeString;
    private readonly int _freeNumber;
    private readonly int _scalars;
    private RecognizerFrame[] _frames = new RecognizerFrame[16];
    private UndoEntry[] _log = new UndoEntry[64];
    private int _sp;
    private int _logCount;
    private int _pushNode;

    /// <summary>Creates a recogniser at the start of <paramref name="grammar"/>.</summary>
    public GrammarRecognizer(Grammar grammar)
    {
        _nodes = grammar.Nodes;
        _maxDepth = grammar.Options.MaxDepth;
        _freeObject = grammar.FreeObject;
        _freeArray = grammar.FreeArray;
        _freeString = grammar.FreeString;
        _freeNumber = grammar.FreeNumber;
        _scalars = grammar.Scalars;
        _frames[0] = new RecognizerFrame { Node = grammar.Root };
    }

    /// <summary>Gets the frames of the stack, bottom (the root) first.</summary>
    public ReadOnlySpan<RecognizerFrame> Frames => _frames.AsSpan(0, _sp + 1);

    /// <summary>Gets the current undo-log position, to pass to <see cref="Rollback"/>.</summary>
    public int Checkpoint => _logCount;

    /// <summary>Gets whether the output has become free text (tool-call root, plain text chosen): every byte is allowed from here on.</summary>
    public bool IsFreeText => _sp == 0 && _frames[0].State == RootFreeText && _nodes[_frames[0].Node].Kind == GrammarNodeKind.ToolCallRoot;

    /// <summary>Gets whether a special token would count as plain text here (tool-call root that allows text, before a tool call began).</summary>
    public bool SpecialTokensAreText =>
        _sp == 0 && _nodes[_frames[0].Node] is { Kind: GrammarNodeKind.ToolCallRoot, AllowText: true } && _frames[0].State is RootLeading or RootTag or RootFreeText;

    /// <summary>
    /// Gets how many more characters the string being written may take when the recogniser is inside string content at a
    /// character boundary (where any plain character is allowed whatever encloses the string), else -1.
    /// </summary>
    public int StringRoom
    {
        get
        {
            ref var f = ref _frames[_sp];
            var node = _nodes[f.Node];
            return node.Kind == GrammarNodeKind.String && f.State == 1 && node.Pattern is null ? node.MaxLength - f.A : -1;
        }
    }

    /// <summary>Undoes every change made after <paramref name="checkpoint"/>.</summary>
    public void Rollback(int checkpoint)
    {
        while (_logCount > checkpoint)
        {
            ref var entry = ref _log[--_logCount];
            _frames[entry.Index] = entry.Old;
            _sp = entry.OldSp;
        }
    }

    /// <summary>Forgets the undo log: the current state can no longer be rolled back past.</summary>
    public void Commit() => _logCount = 0;

    /// <summary>Turns the output into free text (a special token was accepted as text).</summary>
    public void ForceFreeText()
    {
        Save(0);
        _sp = 0;
        _frames[0].State = RootFreeText;
    }

    /// <summary>Gets whether the output may end here.</summary>
    public bool CanEnd()
    {
        var checkpoint = _logCount;
        var ok = Feed(End);
        Rollback(checkpoint);
        return ok;
    }

    /// <summary>Gets whether the output may end here and no byte may follow.</summary>
    public bool IsFinal()
    {
        if (!CanEnd())
        {
            return false;
        }

        var checkpoint = _logCount;
        for (var b = 0; b < 256; b++)
        {
            var ok = Feed(b);
            Rollback(checkpoint);
            if (ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Feeds every byte of <paramref name="bytes"/>; on failure the state is left partly advanced (roll back).</summary>
    public bool Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (!Feed(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Feeds one byte (0..255) or <see cref="End"/>; returns whether the grammar allows it. On failure roll back.</summary>
    public bool Feed(int symbol)
    {
        while (true)
        {
            Save(_sp);
            switch (Step(ref _frames[_sp], symbol))
            {
                case StepResult.Consumed:
                    return true;
                case StepResult.Reject:
                    return false;
                case StepResult.Retry:
                    continue;
                case StepResult.Done:
                    Complete();
                    return true;
                case StepResult.Pass:
                    Complete();
                    continue;
                case StepResult.Push:
                    PushFrame(_pushNode);
                    continue;
                default:
                    PushFrame(_pushNode);
                    return true;
            }
        }
    }

    private void Save(int index)
    {
        if (_logCount == _log.Length)
        {
            Array.Resize(ref _log, _log.Length * 2);
        }

        _log[_logCount++] = new UndoEntry(index, _frames[index], _sp);
    }

    private void PushFrame(int node)
    {
        if (_sp + 1 == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        Save(_sp + 1);
        _sp++;
        _frames[_sp] = new RecognizerFrame { Node = node };
    }

    // Pops the finished top frame and tells its parent; a parent that finishes with it (a sequence) pops too.
    private void Complete()
    {
        while (true)
        {
            Save(_sp - 1);
            _sp--;
            if (!ChildDone(ref _frames[_sp]))
            {
                return;
            }
        }
    }

    private StepResult Push(int node, StepResult how = StepResult.Push)
    {
        _pushNode = node;
        return how;
    }

    private StepResult Step(ref RecognizerFrame f, int b)
    {
        var node = _nodes[f.Node];
        return node.Kind switch
        {
            GrammarNodeKind.Literal => StepLiteral(ref f, node, b),
            GrammarNodeKind.String => StepString(ref f, node, b),
            GrammarNodeKind.Number => StepNumber(ref f, node, b),
            GrammarNodeKind.Object => StepObject(ref f, node, b),
            GrammarNodeKind.FreeObject => StepFreeObject(ref f, node, b),
            GrammarNodeKind.Array => StepArray(ref f, node, b),
            GrammarNodeKind.AnyValue => StepAnyValue(ref f, b),
            GrammarNodeKind.Union => StepUnion(ref f, node, b),
            GrammarNodeKind.Sequence => StepSequence(ref f, node, b),
            GrammarNodeKind.JsonRoot => StepJsonRoot(ref f, node, b),
            _ => StepToolCallRoot(ref f, node, b),
        };
    }

    private bool ChildDone(ref RecognizerFrame f)
    {
        var node = _nodes[f.Node];
        switch (node.Kind)
        {
            case GrammarNodeKind.Sequence:
                f.State++;
                f.A = 0;
                return f.State == node.Items.Length;
            case GrammarNodeKind.FreeObject when f.State == 2:
                f.State = 3;
                return false;
            case GrammarNodeKind.Object or GrammarNodeKind.FreeObject or GrammarNodeKind.Array:
                f.State = 7;
                f.A++;
                return false;
            case GrammarNodeKind.JsonRoot:
                f.State = 2;
                return false;
            case GrammarNodeKind.ToolCallRoot when f.State == RootAnswer:
                f.State = RootAnswerDone;
                return false;
            default:
                f.State = RootAfterCall;
                f.C++;
                return false;
        }
    }

    private static StepResult StepLiteral(ref RecognizerFrame f, GrammarNode node, int b)
    {
        var trie = node.Trie!;
        var next = b < End ? trie.Next(f.State, b) : -1;
        if (next >= 0)
        {
            f.State = next;
            return trie.HasChildren(next) ? StepResult.Consumed : StepResult.Done;
        }

        // A literal that is a prefix of another (enum [1, 12]) ends when the next byte does not continue it.
        return trie.ValueAt(f.State) >= 0 ? StepResult.Pass : StepResult.Reject;
    }

    // String states: 0 before the opening quote, 1 content, 2 after a backslash, 3..6 \u hex digits,
    // 7 inside a multi-byte UTF-8 character (B = remaining | lo << 8 | hi << 16). A counts characters.
    private static StepResult StepString(ref RecognizerFrame f, GrammarNode node, int b)
    {
        switch (f.State)
        {
            case 0:
                if (b != '"')
                {
                    return StepResult.Reject;
                }

                f.State = 1;
                f.B = 0;
                return StepResult.Consumed;
            case 1 when node.Pattern is { } pattern:
                return StepPattern(ref f, node, pattern, b);
            case 1:
                if (b == '"')
                {
                    return f.A >= node.MinLength ? StepResult.Done : StepResult.Reject;
                }

                if (b >= End || b < 0x20 || f.A >= node.MaxLength)
                {
                    return StepResult.Reject;
                }

                f.A++;
                if (b == '\\')
                {
                    f.State = 2;
                    return StepResult.Consumed;
                }

                return b < 0x80 ? StepResult.Consumed : StartMultiByte(ref f, b);
            case 2:
                switch (b)
                {
                    case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                        f.State = 1;
                        return StepResult.Consumed;
                    case 'u':
                        f.State = 3;
                        f.B = 0;
                        return StepResult.Consumed;
                    default:
                        return StepResult.Reject;
                }

            case 3 or 4 or 5 or 6:
                var hex = HexValue(b);
                if (hex < 0)
                {
                    return StepResult.Reject;
                }

                // \uD800..\uDFFF (surrogate halves) are refused: characters outside the BMP are written as raw UTF-8.
                if (f.State == 3)
                {
                    f.B = hex == 0xD ? 1 : 0;
                }
                else if (f.State == 4 && f.B == 1 && hex >= 8)
                {
                    return StepResult.Reject;
                }

                f.State = f.State == 6 ? 1 : f.State + 1;
                return StepResult.Consumed;
            default:
                var remaining = f.B & 0xFF;
                if (b < ((f.B >> 8) & 0xFF) || b > ((f.B >> 16) & 0xFF))
                {
                    return StepResult.Reject;
                }

                remaining--;
                if (remaining == 0)
                {
                    f.State = 1;
                    f.B = 0;
                }
                else
                {
                    f.B = remaining | (0x80 << 8) | (0xBF << 16);
                }

                return StepResult.Consumed;
        }
    }

    // Pattern content (B = automaton state): a character is taken only when some completion within the length bounds
    // still matches, so a pattern string never reaches a dead end.
    private static StepResult StepPattern(ref RecognizerFrame f, GrammarNode node, PatternAutomaton pattern, int b)
    {
        if (b == '"')
        {
            return f.A >= node.MinLength && pattern.IsAccepting(f.B) ? StepResult.Done : StepResult.Reject;
        }

        var next = b < End ? pattern.Next(f.B, b) : -1;
        if (next < 0 || f.A >= node.MaxLength)
        {
            return StepResult.Reject;
        }

        var stride = node.MaxLength + 2;
        var least = Math.Max(0, node.MinLength - f.A - 1);
        if (node.PatternNextFeasible[(next * stride) + least] > node.MaxLength - f.A - 1)
        {
            return StepResult.Reject;
        }

        f.A++;
        f.B = next;
        return StepResult.Consumed;
    }

    // Well-formed UTF-8 (RFC 3629 table 3-7): no overlongs, no surrogates, nothing above U+10FFFF.
    private static StepResult StartMultiByte(ref RecognizerFrame f, int b)
    {
        var (remaining, lo, hi) = b switch
        {
            >= 0xC2 and <= 0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            >= 0xE1 and <= 0xEC => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xEE or 0xEF => (2, 0x80, 0xBF),
            0xF0 => (3, 0x90, 0xBF),
            >= 0xF1 and <= 0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => (0, 0, 0),
        };
        if (remaining == 0)
        {
            return StepResult.Reject;
        }

        f.State = 7;
        f.B = remaining | (lo << 8) | (hi << 16);
        return StepResult.Consumed;
    }

    private static int HexValue(int b) => b switch
    {
        >= '0' and <= '9' => b - '0',
        >= 'a' and <= 'f' => b - 'a' + 10,
        >= 'A' and <= 'F' => b - 'A' + 10,
        _ => -1,
    };

    // Number states: 0 start, 1 after '-', 2 after a leading 0, 3 integer digits, 4 after '.', 5 fraction digits,
    // 6 after 'e', 7 after the exponent sign, 8 exponent digits. A counts bytes, B = 1 when negative, C = magnitude.
    // A byte that needs a follower ('-', '.', 'e', '+') is only taken when the byte cap leaves room for it.
    private static StepResult StepNumber(ref RecognizerFrame f, GrammarNode node, int b)
    {
        var digit = b is >= '0' and <= '9';
        var room = node.MaxBytes - f.A;
        switch (f.State)
        {
            case 0:
                if (b == '-')
                {
                    if (room < 2 || (node.HasBounds && !IntegerFeasible(node, true, -1, room - 1)))
                    {
                        return StepResult.Reject;
                    }

                    f.State = 1;
                    f.B = 1;
                    f.A++;
                    return StepResult.Consumed;
                }

                return digit ? FirstDigit(ref f, node, b, room) : StepResult.Reject;
            case 1:
                return digit ? FirstDigit(ref f, node, b, room) : StepResult.Reject;
            case 2 or 3:
                if (digit && f.State == 3 && room >= 1)
                {
                    var magnitude = ((Int128)f.C * 10) + (b - '0');
                    if (!node.HasBounds || (magnitude <= long.MaxValue && IntegerFeasible(node, f.B == 1, (long)magnitude, room - 1)))
                    {
                        f.C = node.HasBounds ? (long)magnitude : 0;
                        f.A++;
                        return StepResult.Consumed;
                    }
                }

                if (!node.IntegerOnly && room >= 2 && (node.HasBounds ? b == '.' && FractionAllowed(node, f.B == 1, f.C) : b is '.' or 'e' or 'E'))
                {
                    f.State = b == '.' ? 4 : 6;
                    f.A++;
                    return StepResult.Consumed;
                }

                return !node.HasBounds || InBounds(node, f.B == 1, f.C) ? StepResult.Pass : StepResult.Reject;
            case 4:
                if (!digit)
                {
                    return StepResult.Reject;
                }

                f.State = 5;
                f.A++;
                return StepResult.Consumed;
            case 5:
                if (digit && room >= 1)
                {
                    f.A++;
                    return StepResult.Consumed;
                }

                if ((b == 'e' || b == 'E') && room >= 2 && !node.HasBounds)
                {
                    f.State = 6;
                    f.A++;
                    return StepResult.Consumed;
                }

                return StepResult.Pass;
            case 6:
                if ((b == '+' || b == '-') && room >= 2)
                {
                    f.State = 7;
                    f.A++;
                    return StepResult.Consumed;
                }

                goto case 7;
            case 7:
                if (!digit)
                {
                    return StepResult.Reject;
                }

                f.State = 8;
                f.A++;
                return StepResult.Consumed;
            default:
                if (digit && room >= 1)
                {
                    f.A++;
                    return StepResult.Consumed;
                }

                return StepResult.Pass;
        }
    }

    private static StepResult FirstDigit(ref RecognizerFrame f, GrammarNode node, int b, int room)
    {
        if (room < 1 || (node.HasBounds && !IntegerFeasible(node, f.B == 1, b - '0', room - 1)))
        {
            return StepResult.Reject;
        }

        f.State = b == '0' ? 2 : 3;
        f.C = b - '0';
        f.A++;
        return StepResult.Consumed;
    }

    // A bounded number's fraction after integer part m: the whole unit [m, m+1] (negative: [-(m+1), -m]) must be in range.
    private static bool FractionAllowed(GrammarNode node, bool negative, long magnitude)
    {
        Int128 low = negative ? -(Int128)magnitude - 1 : magnitude;
        return low >= node.Minimum && low + 1 <= node.Maximum;
    }

    private static bool InBounds(GrammarNode node, bool negative, long magnitude)
    {
        var value = negative ? -(Int128)magnitude : magnitude;
        return value >= node.Minimum && value <= node.Maximum;
    }

    // Whether an integer prefix (sign, magnitude so far; -1 = no digit yet) can still end inside [Minimum, Maximum]
    // with at most `room` more digits. Reachable magnitudes are m itself and [m*10^k, m*10^k + 10^k - 1] for k = 1..room
    // (none after a leading zero); with no digit yet, [0, 10^room - 1].
    private static bool IntegerFeasible(GrammarNode node, bool negative, long magnitude, int room)
    {
        // Magnitudes allowed: value = ±magnitude must lie in [Minimum, Maximum].
        Int128 lo = negative ? -(Int128)node.Maximum : node.Minimum;
        Int128 hi = negative ? -(Int128)node.Minimum : node.Maximum;
        if (lo < 0)
        {
            lo = 0;
        }

        if (hi < lo)
        {
            return false;
        }

        if (magnitude < 0)
        {
            return room >= 1 && lo <= Pow10(Math.Min(room, 30)) - 1;
        }

        if (magnitude >= lo && magnitude <= hi)
        {
            return true;
        }

        if (magnitude == 0)
        {
            return false;
        }

        Int128 scale = 1;
        for (var k = 1; k <= room; k++)
        {
            scale *= 10;
            Int128 first = magnitude * scale;
            if (first > hi)
            {
                return false;
            }

            if (first + scale - 1 >= lo)
            {
                return true;
            }
        }

        return false;
    }

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    // Object states: 0 before '{', 1 after '{', 2 inside a key (A = first candidate property, B = key-trie node),
    // 3 before ':', 4 after ':', 5 after ': ', 6 value pending, 7 after a value (A = next property index),
    // 8 after ',', 9 after ', '.
    private StepResult StepObject(ref RecognizerFrame f, GrammarNode node, int b)
    {
        switch (f.State)
        {
            case 0:
                if (b != '{')
                {
                    return StepResult.Reject;
                }

                f.State = 1;
                return StepResult.Consumed;
            case 1:
                if (b == '}')
                {
                    return node.CanCloseAt[0] ? StepResult.Done : StepResult.Reject;
                }

                return b == '"' && node.Properties.Length > 0 ? StartKey(ref f, node, 0) : StepResult.Reject;
            case 2:
                var trie = node.KeyTries[f.A];
                var next = b < End ? trie.Next(f.B, b) : -1;
                if (next < 0)
                {
                    return StepResult.Reject;
                }

                var property = trie.ValueAt(next);
                if (property >= 0)
                {
                    f.A = property;
                    f.State = 3;
                }
                else
                {
                    f.B = next;
                }

                return StepResult.Consumed;
            case 3:
                if (b != ':')
                {
                    return StepResult.Reject;
                }

                f.State = 4;
                return StepResult.Consumed;
            case 4 or 5:
                if (b == ' ' && f.State == 4)
                {
                    f.State = 5;
                    return StepResult.Consumed;
                }

                f.State = 6;
                return Push(node.Properties[f.A].Node);
            case 7:
                if (b == ',')
                {
                    if (f.A >= node.Properties.Length)
                    {
                        return StepResult.Reject;
                    }

                    f.State = 8;
                    return StepResult.Consumed;
                }

                return b == '}' && node.CanCloseAt[f.A] ? StepResult.Done : StepResult.Reject;
            default:
                if (b == ' ' && f.State == 8)
                {
                    f.State = 9;
                    return StepResult.Consumed;
                }

                return b == '"' ? StartKey(ref f, node, f.A) : StepResult.Reject;
        }
    }

    private static StepResult StartKey(ref RecognizerFrame f, GrammarNode node, int first)
    {
        f.A = first;
        f.B = node.KeyTries[first].Next(0, '"');
        f.State = 2;
        return StepResult.Consumed;
    }

    // Free object states: 0 before '{', 1 after '{', 2 key pending, 3 before ':', 4 after ':', 5 after ': ',
    // 6 value pending, 7 after a value (A = members so far), 8 after ',', 9 after ', '.
    private StepResult StepFreeObject(ref RecognizerFrame f, GrammarNode node, int b)
    {
        switch (f.State)
        {
            case 0:
                if (b != '{')
                {
                    return StepResult.Reject;
                }

                f.State = 1;
                return StepResult.Consumed;
            case 1:
                if (b == '}')
                {
                    return StepResult.Done;
                }

                if (b != '"')
                {
                    return StepResult.Reject;
                }

                f.State = 2;
                return Push(node.KeyNode);
            case 3:
                if (b != ':')
                {
                    return StepResult.Reject;
                }

                f.State = 4;
                return StepResult.Consumed;
            case 4 or 5:
                if (b == ' ' && f.State == 4)
                {
                    f.State = 5;
                    return StepResult.Consumed;
                }

                f.State = 6;
                return Push(node.Child);
            case 7:
                if (b == ',')
                {
                    if (f.A >= node.MaxItems)
                    {
                        return StepResult.Reject;
                    }

                    f.State = 8;
                    return StepResult.Consumed;
                }

                return b == '}' ? StepResult.Done : StepResult.Reject;
            default:
                if (b == ' ' && f.State == 8)
                {
                    f.State = 9;
                    return StepResult.Consumed;
                }

                if (b != '"')
                {
                    return StepResult.Reject;
                }

                f.State = 2;
                return Push(node.KeyNode);
        }
    }

    // Array states: 0 before '[', 1 after '[', 6 item pending, 7 after an item (A = items so far), 8 after ',', 9 after ', '.
    private StepResult StepArray(ref RecognizerFrame f, GrammarNode node, int b)
    {
        switch (f.State)
        {
            case 0:
                if (b != '[')
                {
                    return StepResult.Reject;
                }

                f.State = 1;
                return StepResult.Consumed;
            case 1:
                if (b == ']')
                {
                    return node.MinItems == 0 ? StepResult.Done : StepResult.Reject;
                }

                if (node.MaxItems == 0)
                {
                    return StepResult.Reject;
                }

                f.State = 6;
                return Push(node.Child);
            case 7:
                if (b == ',')
                {
                    if (f.A >= node.MaxItems)
                    {
                        return StepResult.Reject;
                    }

                    f.State = 8;
                    return StepResult.Consumed;
                }

                return b == ']' && f.A >= node.MinItems ? StepResult.Done : StepResult.Reject;
            default:
                if (b == ' ' && f.State == 8)
                {
                    f.State = 9;
                    return StepResult.Consumed;
                }

                f.State = 6;
                return Push(node.Child);
        }
    }

    private StepResult StepAnyValue(ref RecognizerFrame f, int b)
    {
        int target;
        switch (b)
        {
            case '{' or '[':
                // Containers are refused at the depth cap; scalars still close every open value there.
                if (_sp > _maxDepth)
                {
                    return StepResult.Reject;
                }

                target = b == '{' ? _freeObject : _freeArray;
                break;
            case '"':
                target = _freeString;
                break;
            case '-' or (>= '0' and <= '9'):
                target = _freeNumber;
                break;
            case 't' or 'f' or 'n':
                target = _scalars;
                break;
            default:
                return StepResult.Reject;
        }

        f = new RecognizerFrame { Node = target };
        return StepResult.Retry;
    }

    private static StepResult StepUnion(ref RecognizerFrame f, GrammarNode node, int b)
    {
        var target = b < End ? node.Dispatch[b] : -1;
        if (target < 0)
        {
            return StepResult.Reject;
        }

        f = new RecognizerFrame { Node = target };
        return StepResult.Retry;
    }

    // Sequence: State = item index, A = bytes matched of a literal item or the switch-trie node.
    private StepResult StepSequence(ref RecognizerFrame f, GrammarNode node, int b)
    {
        var items = node.Items;
        while (true)
        {
            var item = items[f.State];
            switch (item.Kind)
            {
                case SequenceItemKind.Literal:
                    if (b != item.Bytes![f.A])
                    {
                        return StepResult.Reject;
                    }

                    if (++f.A < item.Bytes.Length)
                    {
                        return StepResult.Consumed;
                    }

                    f.A = 0;
                    return ++f.State == items.Length ? StepResult.Done : StepResult.Consumed;
                case SequenceItemKind.OptionalSpace or SequenceItemKind.OptionalNewline:
                    f.State++;
                    f.A = 0;
                    if (b == (item.Kind == SequenceItemKind.OptionalSpace ? ' ' : '\n'))
                    {
                        return f.State == items.Length ? StepResult.Done : StepResult.Consumed;
                    }

                    if (f.State == items.Length)
                    {
                        return StepResult.Pass;
                    }

                    continue;
                case SequenceItemKind.Child:
                    return Push(item.Child);
                default:
                    var next = b < End ? item.Switch!.Next(f.A, b) : -1;
                    if (next < 0)
                    {
                        return StepResult.Reject;
                    }

                    var value = item.Switch!.ValueAt(next);
                    if (value < 0)
                    {
                        f.A = next;
                        return StepResult.Consumed;
                    }

                    return Push(item.Branches![value], StepResult.PushConsumed);
            }
        }
    }

    private static bool IsWhitespace(int b) => b is ' ' or '\n' or '\r' or '\t';

    // JSON root states: 0 leading whitespace (A = count), 1 value pending, 2 done.
    private StepResult StepJsonRoot(ref RecognizerFrame f, GrammarNode node, int b)
    {
        if (f.State == 2)
        {
            return b == End ? StepResult.Consumed : StepResult.Reject;
        }

        if (IsWhitespace(b) && f.A < node.MaxLeadingWhitespace)
        {
            f.A++;
            return StepResult.Consumed;
        }

        if (b == End)
        {
            return StepResult.Reject;
        }

        f.State = 1;
        return Push(node.Child);
    }

    // Tool-call root: leading whitespace (A = count), the opening tag (B = bytes matched), a call (C = calls done),
    // then '\n' and another tag, or the end. With AllowText, output that leaves the tag becomes free text.
    private StepResult StepToolCallRoot(ref RecognizerFrame f, GrammarNode node, int b)
    {
        switch (f.State)
        {
            case RootLeading:
                if (IsWhitespace(b) && f.A < node.MaxLeadingWhitespace)
                {
                    f.A++;
                    return StepResult.Consumed;
                }

                f.State = RootTag;
                f.B = 0;
                goto case RootTag;
            case RootTag:
            case RootNextTag:
                if (b == End)
                {
                    return node.AllowText && f.State == RootTag ? StepResult.Consumed : StepResult.Reject;
                }

                if (b == node.Tag[f.B])
                {
                    if (++f.B < node.Tag.Length)
                    {
                        return StepResult.Consumed;
                    }

                    f.State = RootInCall;
                    return Push(node.Child, StepResult.PushConsumed);
                }

                if (node.AllowText && f.State == RootTag)
                {
                    f.State = RootFreeText;
                    return StepResult.Consumed;
                }

                if (node.Answer >= 0 && f.State == RootTag && f.B == 0)
                {
                    // The answer instead of a call: one JSON value, told apart from the tag by its first byte.
                    f.State = RootAnswer;
                    return Push(node.Answer);
                }

                return StepResult.Reject;
            case RootFreeText:
                return StepResult.Consumed;
            case RootAnswerDone:
                return b == End ? StepResult.Consumed : StepResult.Reject;
            default:
                if (b == End)
                {
                    return StepResult.Consumed;
                }

                if (b == '\n' && f.C < node.MaxCalls)
                {
                    f.State = RootNextTag;
                    f.B = 0;
                    return StepResult.Consumed;
                }

                return StepResult.Reject;
        }
    }

    private readonly record struct UndoEntry(int Index, RecognizerFrame Old, int OldSp);
}
