using System;
using System.Collections.Generic;
using System.Text;

namespace LocalModel.Constrained;

/// <summary>
/// A deterministic automaton over the characters of a JSON string's content, compiled from a regular expression of
/// the supported subset (see <see cref="TryCompile"/>). The whole string must match (<c>^</c> and <c>$</c> are
/// implied), and only printable ASCII other than <c>"</c> and <c>\</c> is ever matched, so one byte is one character
/// and no JSON escape is needed. Immutable: safe to share between threads.
/// </summary>
internal sealed class PatternAutomaton
{
    /// <summary>The first character a pattern may match (space).</summary>
    public const int FirstChar = 0x20;

    /// <summary>One past the last character a pattern may match (<c>~</c> is the last).</summary>
    public const int EndChar = 0x7F;

    private const int Width = EndChar - FirstChar;
    private const int MaxNfaStates = 4096;
    private const int MaxDfaStates = 512;
    private const int MaxRepeat = 256;

    private readonly int[] _next;
    private readonly bool[] _accepting;

    private PatternAutomaton(int[] next, bool[] accepting)
    {
        _next = next;
        _accepting = accepting;
    }

    /// <summary>Gets the number of states; state 0 is the start.</summary>
    public int StateCount => _accepting.Length;

    /// <summary>Gets whether <paramref name="state"/> accepts (the string may close there).</summary>
    public bool IsAccepting(int state) => _accepting[state];

    /// <summary>Gets the state after character <paramref name="c"/>, or -1 (also for characters outside the matched set).</summary>
    public int Next(int state, int c) => c is >= FirstChar and < EndChar ? _next[(state * Width) + c - FirstChar] : -1;

    /// <summary>
    /// Builds the length table of a string of at most <paramref name="maxLength"/> characters: entry
    /// <c>state * (maxLength + 2) + k</c> is the smallest k' &gt;= k such that some k' more characters lead from
    /// <c>state</c> to an accepting state, or <see cref="int.MaxValue"/>.
    /// </summary>
    public int[] BuildNextFeasible(int maxLength)
    {
        var stride = maxLength + 2;
        var count = StateCount;
        var exact = new bool[count * stride];
        var targets = new List<int>[count];
        for (var s = 0; s < count; s++)
        {
            var distinct = new HashSet<int>();
            for (var c = FirstChar; c < EndChar; c++)
            {
                var t = Next(s, c);
                if (t >= 0)
                {
                    distinct.Add(t);
                }
            }

            targets[s] = new List<int>(distinct);
            exact[s * stride] = _accepting[s];
        }

        for (var k = 1; k <= maxLength; k++)
        {
            for (var s = 0; s < count; s++)
            {
                foreach (var t in targets[s])
                {
                    if (exact[(t * stride) + k - 1])
                    {
                        exact[(s * stride) + k] = true;
                        break;
                    }
                }
            }
        }

        var next = new int[count * stride];
        for (var s = 0; s < count; s++)
        {
            next[(s * stride) + maxLength + 1] = int.MaxValue;
            for (var k = maxLength; k >= 0; k--)
            {
                next[(s * stride) + k] = exact[(s * stride) + k] ? k : next[(s * stride) + k + 1];
            }
        }

        return next;
    }

    /// <summary>
    /// Compiles <paramref name="pattern"/> when it is inside the supported subset: literal printable ASCII, escaped
    /// punctuation (<c>\.</c>), <c>.</c>, classes (<c>[a-z0-9_]</c>, negated <c>[^,]</c>), <c>\d \D \w \W \s \S</c>,
    /// groups (<c>( )</c>, <c>(?: )</c>), alternation, <c>? * +</c> (lazy forms too) and <c>{m} {m,} {m,n}</c> up to
    /// 256, and <c>^</c>/<c>$</c> at the ends only. Anything else (back-references, lookaround, <c>\b</c>, <c>\p{..}</c>,
    /// non-ASCII, <c>"</c> or <c>\</c> as a character, an automaton over 512 states) gives false and a reason.
    /// </summary>
    public static bool TryCompile(string pattern, out PatternAutomaton? automaton, out string? reason)
    {
        automaton = null;
        try
        {
            var parser = new Parser(pattern);
            var tree = parser.ParseAll();
            var nfa = new Nfa();
            var (start, end) = nfa.Build(tree);
            automaton = Determinize(nfa, start, end);
            reason = null;
            return true;
        }
        catch (FormatException e)
        {
            reason = e.Message;
            return false;
        }
    }

    private static PatternAutomaton Determinize(Nfa nfa, int start, int end)
    {
        var states = new List<int[]>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = new List<int>();
        var accepting = new List<bool>();
        var first = nfa.Closure([start]);
        states.Add(first);
        index[Key(first)] = 0;
        for (var s = 0; s < states.Count; s++)
        {
            var set = states[s];
            accepting.Add(Array.IndexOf(set, end) >= 0);
            for (var c = FirstChar; c < EndChar; c++)
            {
                var moved = nfa.Move(set, c);
                if (moved.Count == 0)
                {
                    next.Add(-1);
                    continue;
                }

                var closure = nfa.Closure(moved);
                var key = Key(closure);
                if (!index.TryGetValue(key, out var target))
                {
                    if (states.Count == MaxDfaStates)
                    {
                        throw new FormatException($"the automaton needs more than {MaxDfaStates} states");
                    }

                    target = states.Count;
                    states.Add(closure);
                    index[key] = target;
                }

                next.Add(target);
            }
        }

        return new PatternAutomaton(next.ToArray(), accepting.ToArray());
    }

    private static string Key(int[] set)
    {
        var builder = new StringBuilder(set.Length * 4);
        foreach (var s in set)
        {
            builder.Append(s).Append(',');
        }

        return builder.ToString();
    }

    // Regex tree: a character set (bit c - FirstChar), a sequence, alternatives, or a bounded/unbounded repeat.
    private abstract record RegexNode;

    private sealed record CharSet(UInt128 Bits) : RegexNode;

    private sealed record Concat(List<RegexNode> Parts) : RegexNode;

    private sealed record Alternation(List<RegexNode> Options) : RegexNode;

    private sealed record Repeat(RegexNode Body, int Min, int Max) : RegexNode;

    private sealed class Parser
    {
        private static readonly UInt128 All = (UInt128.One << Width) - 1 & ~(Bit('"') | Bit('\\'));
        private static readonly UInt128 Digits = Range('0', '9');
        private static readonly UInt128 Word = Range('a', 'z') | Range('A', 'Z') | Digits | Bit('_');
        private static readonly UInt128 Space = Bit(' ');

        private readonly string _pattern;
        private int _pos;
        private int _end;

        public Parser(string pattern)
        {
            _pattern = pattern;
            _end = pattern.Length;
        }

        public RegexNode ParseAll()
        {
            // Anchors are implied: the whole string must match (a subset of what an unanchored pattern accepts).
            if (_pos < _end && _pattern[_pos] == '^')
            {
                _pos++;
            }

            if (_end > _pos && _pattern[_end - 1] == '$' && !IsEscaped(_end - 1))
            {
                _end--;
            }

            var tree = ParseAlternation();
            if (_pos < _end)
            {
                throw new FormatException($"unexpected '{_pattern[_pos]}' at {_pos}");
            }

            return tree;
        }

        private bool IsEscaped(int at)
        {
            var backslashes = 0;
            for (var i = at - 1; i >= 0 && _pattern[i] == '\\'; i--)
            {
                backslashes++;
            }

            return backslashes % 2 == 1;
        }

        private static UInt128 Bit(char c) => UInt128.One << (c - FirstChar);

        private static UInt128 Range(char lo, char hi)
        {
            UInt128 bits = 0;
            for (var c = lo; c <= hi; c++)
            {
                bits |= Bit(c);
            }

            return bits;
        }

        private RegexNode ParseAlternation()
        {
            var options = new List<RegexNode> { ParseConcat() };
            while (_pos < _end && _pattern[_pos] == '|')
            {
                _pos++;
                options.Add(ParseConcat());
            }

            return options.Count == 1 ? options[0] : new Alternation(options);
        }

        private RegexNode ParseConcat()
        {
            var parts = new List<RegexNode>();
            while (_pos < _end && _pattern[_pos] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                parts.Add(ParseQuantifiers(atom));
            }

            return new Concat(parts);
        }

        private RegexNode ParseQuantifiers(RegexNode atom)
        {
            while (_pos < _end)
            {
                int min;
                int max;
                switch (_pattern[_pos])
                {
                    case '?':
                        (min, max) = (0, 1);
                        _pos++;
                        break;
                    case '*':
                        (min, max) = (0, -1);
                        _pos++;
                        break;
                    case '+':
                        (min, max) = (1, -1);
                        _pos++;
                        break;
                    case '{' when TryParseCount(out min, out max):
                        break;
                    default:
                        return atom;
                }

                // A lazy quantifier matches the same language.
                if (_pos < _end && _pattern[_pos] == '?')
                {
                    _pos++;
                }

                atom = new Repeat(atom, min, max);
            }

            return atom;
        }

        private bool TryParseCount(out int min, out int max)
        {
            var close = _pattern.IndexOf('}', _pos);
            min = max = 0;
            if (close < 0 || close >= _end)
            {
                return false;
            }

            var body = _pattern[(_pos + 1)..close];
            var comma = body.IndexOf(',', StringComparison.Ordinal);
            var lo = comma < 0 ? body : body[..comma];
            var hi = comma < 0 ? body : body[(comma + 1)..];
            if (!int.TryParse(lo, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (hi.Length == 0 && comma >= 0)
            {
                max = -1;
            }
            else if (!int.TryParse(hi, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out max) || max < min)
            {
                return false;
            }

            if (min > MaxRepeat || max > MaxRepeat)
            {
                throw new FormatException($"a repeat count over {MaxRepeat}");
            }

            _pos = close + 1;
            return true;
        }

        private RegexNode ParseAtom()
        {
            var c = _pattern[_pos++];
            switch (c)
            {
                case '(':
                    if (_pos < _end && _pattern[_pos] == '?')
                    {
                        if (_pos + 1 < _end && _pattern[_pos + 1] == ':')
                        {
                            _pos += 2;
                        }
                        else
                        {
                            throw new FormatException($"the group construct '(?{(_pos + 1 < _end ? _pattern[_pos + 1] : ' ')}' (lookaround or named group)");
                        }
                    }

                    var inner = ParseAlternation();
                    if (_pos >= _end || _pattern[_pos] != ')')
                    {
                        throw new FormatException("an unclosed group");
                    }

                    _pos++;
                    return inner;
                case '[':
                    return new CharSet(ParseClass());
                case '.':
                    return new CharSet(All);
                case '\\':
                    return new CharSet(ParseEscape(inClass: false));
                case '^' or '$':
                    throw new FormatException($"the anchor '{c}' inside the pattern");
                case ')' or '*' or '+' or '?' or '{' or '|':
                    throw new FormatException($"an unexpected '{c}' at {_pos - 1}");
                default:
                    return new CharSet(Literal(c));
            }
        }

        private static UInt128 Literal(char c) =>
            c is >= (char)FirstChar and < (char)EndChar && c != '"' && c != '\\'
                ? Bit(c)
                : throw new FormatException($"the character U+{(int)c:X4} (only printable ASCII other than '\"' and '\\' is matched)");

        private UInt128 ParseEscape(bool inClass)
        {
            if (_pos >= _end)
            {
                throw new FormatException("a trailing backslash");
            }

            var c = _pattern[_pos++];
            return c switch
            {
                'd' => Digits,
                'D' => All & ~Digits,
                'w' => Word,
                'W' => All & ~Word,
                's' => Space,
                'S' => All & ~Space,
                '-' when inClass => Bit('-'),
                _ when char.IsAsciiLetterOrDigit(c) => throw new FormatException($"the escape '\\{c}'"),
                _ => Literal(c),
            };
        }

        private UInt128 ParseClass()
        {
            var negate = _pos < _end && _pattern[_pos] == '^';
            if (negate)
            {
                _pos++;
            }

            UInt128 bits = 0;
            var first = true;
            while (true)
            {
                if (_pos >= _end)
                {
                    throw new FormatException("an unclosed character class");
                }

                var c = _pattern[_pos];
                if (c == ']' && !first)
                {
                    _pos++;
                    break;
                }

                first = false;
                _pos++;
                UInt128 item;
                var single = -1;
                if (c == '\\')
                {
                    item = ParseEscape(inClass: true);
                    if (UInt128.PopCount(item) == 1)
                    {
                        single = (int)UInt128.TrailingZeroCount(item) + FirstChar;
                    }
                }
                else if (c == '[')
                {
                    throw new FormatException("a nested character class");
                }
                else
                {
                    item = Literal(c);
                    single = c;
                }

                if (single >= 0 && _pos + 1 < _end && _pattern[_pos] == '-' && _pattern[_pos + 1] != ']')
                {
                    _pos++;
                    var hiChar = _pattern[_pos++];
                    var hi = hiChar == '\\' ? (int)UInt128.TrailingZeroCount(ParseEscape(inClass: true)) + FirstChar : hiChar;
                    if (hi < single)
                    {
                        throw new FormatException($"the range '{(char)single}-{(char)hi}'");
                    }

                    for (var x = single; x <= hi; x++)
                    {
                        if (x is >= FirstChar and < EndChar && x != '"' && x != '\\')
                        {
                            item |= Bit((char)x);
                        }
                    }
                }

                bits |= item;
            }

            return negate ? All & ~bits : bits & All;
        }
    }

    // Thompson NFA: states with epsilon edges and at most one character-set edge.
    private sealed class Nfa
    {
        private readonly List<List<int>> _epsilon = new();
        private readonly List<(UInt128 Set, int Target)> _edge = new();

        private int NewState()
        {
            if (_edge.Count == MaxNfaStates)
            {
                throw new FormatException($"the pattern expands to more than {MaxNfaStates} automaton states");
            }

            _epsilon.Add(new List<int>());
            _edge.Add((0, -1));
            return _edge.Count - 1;
        }

        public (int Start, int End) Build(RegexNode node)
        {
            switch (node)
            {
                case CharSet set:
                {
                    var s = NewState();
                    var e = NewState();
                    _edge[s] = (set.Bits, e);
                    return (s, e);
                }

                case Concat concat:
                {
                    var s = NewState();
                    var current = s;
                    foreach (var part in concat.Parts)
                    {
                        var (ps, pe) = Build(part);
                        _epsilon[current].Add(ps);
                        current = pe;
                    }

                    return (s, current);
                }

                case Alternation alternation:
                {
                    var s = NewState();
                    var e = NewState();
                    foreach (var option in alternation.Options)
                    {
                        var (os, oe) = Build(option);
                        _epsilon[s].Add(os);
                        _epsilon[oe].Add(e);
                    }

                    return (s, e);
                }

                default:
                {
                    var repeat = (Repeat)node;
                    var s = NewState();
                    var current = s;
                    for (var i = 0; i < repeat.Min; i++)
                    {
                        var (bs, be) = Build(repeat.Body);
                        _epsilon[current].Add(bs);
                        current = be;
                    }

                    if (repeat.Max < 0)
                    {
                        var (ls, le) = Build(repeat.Body);
                        var loop = NewState();
                        _epsilon[current].Add(loop);
                        _epsilon[loop].Add(ls);
                        _epsilon[le].Add(loop);
                        return (s, loop);
                    }

                    var end = NewState();
                    _epsilon[current].Add(end);
                    for (var i = repeat.Min; i < repeat.Max; i++)
                    {
                        var (bs, be) = Build(repeat.Body);
                        _epsilon[current].Add(bs);
                        _epsilon[be].Add(end);
                        current = be;
                    }

                    return (s, end);
                }
            }
        }

        public int[] Closure(IEnumerable<int> seeds)
        {
            var seen = new HashSet<int>();
            var stack = new Stack<int>();
            foreach (var seed in seeds)
            {
                if (seen.Add(seed))
                {
                    stack.Push(seed);
                }
            }

            while (stack.Count > 0)
            {
                foreach (var next in _epsilon[stack.Pop()])
                {
                    if (seen.Add(next))
                    {
                        stack.Push(next);
                    }
                }
            }

            var result = new int[seen.Count];
            seen.CopyTo(result);
            Array.Sort(result);
            return result;
        }

        public List<int> Move(int[] set, int c)
        {
            var bit = UInt128.One << (c - FirstChar);
            var moved = new List<int>();
            foreach (var s in set)
            {
                var (chars, target) = _edge[s];
                if (target >= 0 && (chars & bit) != 0)
                {
                    moved.Add(target);
                }
            }

            return moved;
        }
    }
}
