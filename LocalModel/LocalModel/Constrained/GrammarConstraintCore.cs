using System;
using System.Collections.Generic;
using System.Globalization;

namespace LocalModel.Constrained;

/// <summary>
/// The token-level side of a grammar constraint: walks the vocabulary trie with the byte recogniser to find the
/// tokens whose bytes keep the output inside the grammar, masks the rest, and advances on the token chosen.
/// Special tokens are refused inside the grammar; end-of-sequence is allowed exactly where the output may end.
/// One instance per request; not thread-safe.
/// </summary>
internal sealed class GrammarConstraintCore
{
    private readonly TokenVocabularyIndex _vocabulary;
    private readonly GrammarRecognizer _recognizer;
    private readonly ulong[] _allowed;
    private readonly int[] _checkpoints;
    private readonly CompletionPlanner _planner;
    private readonly CompletionBuffer _completion = new();
    private readonly int _jump;
    private readonly Dictionary<(ulong Hash, int Length), int> _splitCache = new();
    private int[] _cost = new int[257];
    private int[] _firstToken = new int[257];
    private bool _ended;

    /// <summary>Creates a constraint over <paramref name="grammar"/> for the tokens of <paramref name="vocabulary"/>.</summary>
    public GrammarConstraintCore(Grammar grammar, TokenVocabularyIndex vocabulary)
    {
        _vocabulary = vocabulary;
        _recognizer = new GrammarRecognizer(grammar);
        _allowed = new ulong[(vocabulary.VocabularySize + 63) / 64];
        _checkpoints = new int[vocabulary.MaxTokenLength + 1];
        _planner = new CompletionPlanner(grammar);

        // How far one token can push the shortest completion (in bytes): each of its bytes may open at most one
        // construct, whose shortest value, key or tag is at most this long. Below that distance from the budget, every
        // candidate token's completion is checked.
        var perByte = _planner.MaxValueBytes + 4;
        foreach (var node in grammar.Nodes)
        {
            perByte = Math.Max(perByte, _planner.MaxValueBytes + node.Tag.Length + 4);
        }

        _jump = (int)Math.Min(int.MaxValue / 4, (long)vocabulary.MaxTokenLength * perByte);
    }

    /// <summary>Gets whether the output is complete: end-of-sequence was accepted, or the grammar allows nothing more.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Gets the byte recogniser (tests inspect it).</summary>
    internal GrammarRecognizer Recognizer => _recognizer;

    /// <summary>Gets whether the output has become free text, where nothing is masked.</summary>
    public bool IsFreeText => !_ended && _recognizer.IsFreeText;

    /// <summary>Sets every disallowed token's logit to negative infinity (ids past the vocabulary included).</summary>
    public void Mask(Span<float> logits) => Mask(logits, int.MaxValue);

    /// <summary>
    /// As <see cref="Mask(Span{float})"/>, allowing only tokens after which the output can still be completed within
    /// <paramref name="remainingTokens"/> tokens, this one included (see <see cref="MinimalTokens"/>).
    /// </summary>
    public void Mask(Span<float> logits, int remainingTokens)
    {
        if (IsFreeText)
        {
            return;
        }

        ComputeAllowed(_allowed, Math.Max(1, remainingTokens));
        var words = _allowed;
        for (var w = 0; w * 64 < logits.Length; w++)
        {
            var word = w < words.Length ? words[w] : 0UL;
            var start = w * 64;
            var end = Math.Min(logits.Length, start + 64);
            if (word == 0)
            {
                logits[start..end].Fill(float.NegativeInfinity);
                continue;
            }

            if (word == ulong.MaxValue && end - start == 64)
            {
                continue;
            }

            for (var i = start; i < end; i++)
            {
                if ((word & (1UL << (i & 63))) == 0)
                {
                    logits[i] = float.NegativeInfinity;
                }
            }
        }
    }

    /// <summary>
    /// Gets how many tokens the shortest completion of the output so far takes: its shortest byte completion
    /// (<see cref="CompletionPlanner"/>) split into the fewest vocabulary tokens. 0 when the output may end here.
    /// </summary>
    public int MinimalTokens()
    {
        _completion.Clear();
        _planner.Append(_recognizer.Frames, _completion);
        return TokensFor(_completion.Span);
    }

    /// <summary>Gets the shortest byte completion of the output so far (tests).</summary>
    internal byte[] ShortestCompletion()
    {
        _completion.Clear();
        _planner.Append(_recognizer.Frames, _completion);
        return _completion.Span.ToArray();
    }

    /// <summary>Fills <paramref name="bits"/> (one bit per token id) with the tokens allowed next.</summary>
    internal void ComputeAllowed(ulong[] bits) => ComputeAllowed(bits, int.MaxValue);

    /// <summary>Fills <paramref name="bits"/> with the tokens allowed next that keep a completion within <paramref name="budget"/> tokens.</summary>
    internal void ComputeAllowed(ulong[] bits, int budget)
    {
        Array.Clear(bits);
        if (_ended)
        {
            return;
        }

        if (_recognizer.IsFreeText)
        {
            for (var i = 0; i < _vocabulary.VocabularySize; i++)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }

            return;
        }

        // Steering: close to the budget, a token is allowed only if the rest still fits after it.
        var steer = false;
        var witness = -1;
        if (budget != int.MaxValue)
        {
            _completion.Clear();
            _planner.Append(_recognizer.Frames, _completion);
            var upper = ByteBound(_completion.Span);
            steer = upper > budget - 1 - _jump;
            if (steer)
            {
                var needed = TokensFor(_completion.Span);
                witness = needed > 0 && needed < int.MaxValue ? _firstToken[0] : -1;
            }
        }

        _splitCache.Clear();
        WalkTrie(bits, steer ? budget - 1 : int.MaxValue);
        if (steer && witness >= 0 && !_recognizer.CanEnd() && IsEmpty(bits))
        {
            // Never leave the model without a way forward: the first token of the shortest completion.
            bits[witness >> 6] |= 1UL << (witness & 63);
        }

        if (_recognizer.SpecialTokensAreText)
        {
            foreach (var id in _vocabulary.SpecialTokenIds)
            {
                bits[id >> 6] |= 1UL << (id & 63);
            }
        }

        var canEnd = _recognizer.CanEnd();
        foreach (var id in _vocabulary.EosTokenIds)
        {
            if (canEnd)
            {
                bits[id >> 6] |= 1UL << (id & 63);
            }
            else
            {
                bits[id >> 6] &= ~(1UL << (id & 63));
            }
        }
    }

    /// <summary>Advances past <paramref name="tokenId"/>.</summary>
    /// <exception cref="InvalidOperationException">The token is not allowed here, or the output already ended.</exception>
    public void Accept(int tokenId)
    {
        if (_ended)
        {
            throw new InvalidOperationException("The constrained output already ended with an end-of-sequence token.");
        }

        if (_vocabulary.IsEos(tokenId))
        {
            if (!_recognizer.IsFreeText && !_recognizer.CanEnd())
            {
                throw NotAllowed(tokenId);
            }

            _ended = true;
            IsComplete = true;
            return;
        }

        if (!_vocabulary.Tokenizer.TryGetTokenBytes(tokenId, out var bytes, out var isSpecial))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Token id {tokenId} is not a token of the constraint's tokenizer."));
        }

        if (_recognizer.IsFreeText)
        {
            return;
        }

        if (isSpecial)
        {
            if (!_recognizer.SpecialTokensAreText)
            {
                throw NotAllowed(tokenId);
            }

            _recognizer.ForceFreeText();
            _recognizer.Commit();
            return;
        }

        var checkpoint = _recognizer.Checkpoint;
        if (bytes.Length == 0 || !_recognizer.Feed(bytes))
        {
            _recognizer.Rollback(checkpoint);
            throw NotAllowed(tokenId);
        }

        _recognizer.Commit();
        IsComplete = _recognizer.IsFinal();
    }

    private static bool IsEmpty(ulong[] bits)
    {
        foreach (var word in bits)
        {
            if (word != 0)
            {
                return false;
            }
        }

        return true;
    }

    // An upper bound on the tokens of `bytes`: its length when every byte is a token, else the exact split.
    private int ByteBound(ReadOnlySpan<byte> bytes)
    {
        var single = _vocabulary.HasSingleByteToken;
        foreach (var b in bytes)
        {
            if (!single[b])
            {
                return TokensFor(bytes);
            }
        }

        return bytes.Length;
    }

    // Whether the output after the bytes fed so far can be completed within `room` tokens.
    private bool CompletionFits(int room)
    {
        _completion.Clear();
        _planner.Append(_recognizer.Frames, _completion);
        return FitsIn(_completion.Span, room);
    }

    private bool FitsIn(ReadOnlySpan<byte> bytes, int room)
    {
        if (bytes.Length <= room)
        {
            var single = _vocabulary.HasSingleByteToken;
            var all = true;
            foreach (var b in bytes)
            {
                all &= single[b];
            }

            if (all)
            {
                return true;
            }
        }

        // Many candidate tokens leave the same completion (every closing quote, every cut character of one kind):
        // split each distinct completion once per mask.
        var key = (Fnv1A(bytes), bytes.Length);
        if (!_splitCache.TryGetValue(key, out var tokens))
        {
            tokens = TokensFor(bytes);
            _splitCache[key] = tokens;
        }

        return tokens <= room;
    }

    private static ulong Fnv1A(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // The fewest vocabulary tokens that spell `bytes` exactly (int.MaxValue when none do); _firstToken[0] is the
    // first token of such a split. Dynamic programming from the end over the vocabulary trie.
    private int TokensFor(ReadOnlySpan<byte> bytes)
    {
        var n = bytes.Length;
        if (_cost.Length < n + 1)
        {
            _cost = new int[Math.Max(n + 1, _cost.Length * 2)];
            _firstToken = new int[_cost.Length];
        }

        var cost = _cost;
        var tokenBegin = _vocabulary.TokenBegin;
        var tokens = _vocabulary.Tokens;
        cost[n] = 0;
        for (var p = n - 1; p >= 0; p--)
        {
            var best = int.MaxValue;
            var bestToken = -1;
            var node = _vocabulary.RootChild[bytes[p]];
            for (var d = 1; node >= 0; d++)
            {
                if (tokenBegin[node + 1] > tokenBegin[node] && cost[p + d] != int.MaxValue && cost[p + d] + 1 < best)
                {
                    best = cost[p + d] + 1;
                    bestToken = tokens[tokenBegin[node]];
                }

                if (p + d == n)
                {
                    break;
                }

                node = _vocabulary.Child(node, bytes[p + d]);
            }

            cost[p] = best;
            _firstToken[p] = bestToken;
        }

        return cost[0];
    }

    // Inside string content with a budget: plain tokens of c characters leave the string at c more characters and
    // change nothing else, so their completion is a suffix of the current one (less padding); one check per count.
    private void SetPlainTokensWithinBudget(ulong[] bits, int stringRoom, int room)
    {
        _completion.Clear();
        _planner.Append(_recognizer.Frames, _completion);
        var full = _completion.Span;
        var padding = full.IndexOf((byte)'"');
        var upTo = _vocabulary.PlainTokensUpTo;
        var maxChars = Math.Min(stringRoom, upTo.Length - 2);
        for (var c = 1; c <= maxChars; c++)
        {
            var pad = Math.Max(0, padding - c);
            var fits = FitsIn(full[(padding - pad)..], room);
            if (pad == 0)
            {
                // Longer plain tokens need no padding either: the same completion.
                if (fits)
                {
                    SetWholeCharacterTokens(bits, upTo[c], upTo[maxChars + 1]);
                }

                return;
            }

            if (fits)
            {
                SetWholeCharacterTokens(bits, upTo[c], upTo[c + 1]);
            }
        }
    }

    // Depth-first over the vocabulary trie: a node's byte is fed on top of its parent's state (kept as an undo-log
    // checkpoint per depth); a refused byte skips the whole subtree, and free text accepts a whole subtree at once.
    // Inside string content (the common long case) the tokens that are plain content and fit the room left are
    // allowed from a precomputed list, whatever encloses the string, and only paths to the other tokens are walked.
    // With a budget (`room` tokens after this one), a token is set only when the completion after it fits in `room`.
    private void WalkTrie(ulong[] bits, int room)
    {
        var steer = room != int.MaxValue;
        var labels = _vocabulary.Labels;
        var depths = _vocabulary.Depths;
        var subtreeEnd = _vocabulary.SubtreeEnd;
        var tokenBegin = _vocabulary.TokenBegin;
        var tokens = _vocabulary.Tokens;
        var stringSuffixChars = _vocabulary.StringSuffixChars;
        var count = labels.Length;
        var startRoom = _recognizer.StringRoom;
        bool[]? walkOnly = null;
        if (startRoom >= 0)
        {
            var upTo = _vocabulary.PlainTokensUpTo;
            if (steer)
            {
                SetPlainTokensWithinBudget(bits, startRoom, room);
            }
            else
            {
                SetTokens(bits, _vocabulary.PlainTokens, 0, upTo[Math.Min(startRoom + 1, upTo.Length - 1)]);
            }

            walkOnly = steer ? _vocabulary.HasSteeredToken : _vocabulary.HasNonPlainToken;
        }

        _checkpoints[0] = _recognizer.Checkpoint;
        var i = 1;
        while (i < count)
        {
            if (walkOnly is not null && !walkOnly[i])
            {
                i = subtreeEnd[i];
                continue;
            }

            var depth = depths[i];
            _recognizer.Rollback(_checkpoints[depth - 1]);
            if (!_recognizer.Feed(labels[i]))
            {
                i = subtreeEnd[i];
                continue;
            }

            if (_recognizer.IsFreeText)
            {
                SetTokens(bits, tokens, tokenBegin[i], tokenBegin[subtreeEnd[i]]);
                i = subtreeEnd[i];
                continue;
            }

            // Entering string content mid-token: a subtree of plain-content tokens that fits the room is allowed whole.
            var stringRoom = _recognizer.StringRoom;
            if (!steer && stringRoom >= 0 && stringSuffixChars[i] >= 0 && stringSuffixChars[i] <= stringRoom)
            {
                SetTokens(bits, tokens, tokenBegin[i], tokenBegin[subtreeEnd[i]]);
                i = subtreeEnd[i];
                continue;
            }

            _checkpoints[depth] = _recognizer.Checkpoint;
            if (tokenBegin[i + 1] > tokenBegin[i] && (!steer || CompletionFits(room)))
            {
                SetTokens(bits, tokens, tokenBegin[i], tokenBegin[i + 1]);
            }

            i++;
        }

        _recognizer.Rollback(_checkpoints[0]);
    }

    // Plain tokens that end on a character boundary (the others leave bytes to complete and are walked).
    private void SetWholeCharacterTokens(ulong[] bits, int begin, int end)
    {
        var tokens = _vocabulary.PlainTokens;
        var cut = _vocabulary.EndsMidCharacter;
        for (var k = begin; k < end; k++)
        {
            var id = tokens[k];
            if (!cut[id])
            {
                bits[id >> 6] |= 1UL << (id & 63);
            }
        }
    }

    private static void SetTokens(ulong[] bits, int[] tokens, int begin, int end)
    {
        for (var k = begin; k < end; k++)
        {
            var id = tokens[k];
            bits[id >> 6] |= 1UL << (id & 63);
        }
    }

    private InvalidOperationException NotAllowed(int tokenId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Token {tokenId} ({Describe(tokenId)}) is not allowed by the constraint after the output so far; pass only tokens the mask allowed."));

    private string Describe(int tokenId)
    {
        try
        {
            return "'" + _vocabulary.Tokenizer.Decode([tokenId], skipSpecialTokens: false) + "'";
        }
        catch (ArgumentOutOfRangeException)
        {
            return "no text";
        }
    }
}
