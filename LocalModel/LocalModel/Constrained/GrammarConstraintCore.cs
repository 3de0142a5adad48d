using System;
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
    private bool _ended;

    /// <summary>Creates a constraint over <paramref name="grammar"/> for the tokens of <paramref name="vocabulary"/>.</summary>
    public GrammarConstraintCore(Grammar grammar, TokenVocabularyIndex vocabulary)
    {
        _vocabulary = vocabulary;
        _recognizer = new GrammarRecognizer(grammar);
        _allowed = new ulong[(vocabulary.VocabularySize + 63) / 64];
        _checkpoints = new int[vocabulary.MaxTokenLength + 1];
    }

    /// <summary>Gets whether the output is complete: end-of-sequence was accepted, or the grammar allows nothing more.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Gets the byte recogniser (tests inspect it).</summary>
    internal GrammarRecognizer Recognizer => _recognizer;

    /// <summary>Gets whether the output has become free text, where nothing is masked.</summary>
    public bool IsFreeText => !_ended && _recognizer.IsFreeText;

    /// <summary>Sets every disallowed token's logit to negative infinity (ids past the vocabulary included).</summary>
    public void Mask(Span<float> logits)
    {
        if (IsFreeText)
        {
            return;
        }

        ComputeAllowed(_allowed);
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

    /// <summary>Fills <paramref name="bits"/> (one bit per token id) with the tokens allowed next.</summary>
    internal void ComputeAllowed(ulong[] bits)
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

        WalkTrie(bits);
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

    // Depth-first over the vocabulary trie: a node's byte is fed on top of its parent's state (kept as an undo-log
    // checkpoint per depth); a refused byte skips the whole subtree, and free text accepts a whole subtree at once.
    // Inside string content (the common long case) the tokens that are plain content and fit the room left are
    // allowed from a precomputed list, whatever encloses the string, and only paths to the other tokens are walked.
    private void WalkTrie(ulong[] bits)
    {
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
            SetTokens(bits, _vocabulary.PlainTokens, 0, upTo[Math.Min(startRoom + 1, upTo.Length - 1)]);
            walkOnly = _vocabulary.HasNonPlainToken;
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
            var room = _recognizer.StringRoom;
            if (room >= 0 && stringSuffixChars[i] >= 0 && stringSuffixChars[i] <= room)
            {
                SetTokens(bits, tokens, tokenBegin[i], tokenBegin[subtreeEnd[i]]);
                i = subtreeEnd[i];
                continue;
            }

            _checkpoints[depth] = _recognizer.Checkpoint;
            SetTokens(bits, tokens, tokenBegin[i], tokenBegin[i + 1]);
            i++;
        }

        _recognizer.Rollback(_checkpoints[0]);
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
