using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using LocalModel.Tokenization;

namespace LocalModel.Constrained;

/// <summary>
/// A tokenizer's vocabulary as a byte trie, for computing token masks: every non-special token with non-empty bytes
/// sits at the trie node its bytes spell, nodes stored in depth-first (lexicographic) order so a subtree is a
/// contiguous range. Built once per tokenizer instance (<see cref="For"/>) and immutable: safe to share between
/// threads and requests.
/// </summary>
public sealed class TokenVocabularyIndex
{
    private static readonly ConditionalWeakTable<ITextTokenizer, TokenVocabularyIndex> Cache = new();

    private TokenVocabularyIndex(ITextTokenizer tokenizer)
    {
        Tokenizer = tokenizer;
        VocabularySize = tokenizer.VocabularySize;
        var entries = new List<(byte[] Bytes, int Id)>();
        var specials = new List<int>();
        for (var id = 0; id < VocabularySize; id++)
        {
            if (!tokenizer.TryGetTokenBytes(id, out var bytes, out var isSpecial))
            {
                continue;
            }

            if (isSpecial)
            {
                specials.Add(id);
            }
            else if (bytes.Length > 0)
            {
                entries.Add((bytes.ToArray(), id));
            }
        }

        entries.Sort((x, y) =>
        {
            var c = x.Bytes.AsSpan().SequenceCompareTo(y.Bytes);
            return c != 0 ? c : x.Id.CompareTo(y.Id);
        });

        // Sorted byte strings give the trie's nodes in preorder: each string adds nodes past its common prefix with the previous one.
        var labels = new List<byte> { 0 };
        var depths = new List<int> { 0 };
        var path = new List<int> { 0 };
        var tokenNode = new int[entries.Count];
        var suffixChars = new List<int> { 0 };
        var plainChars = new int[entries.Count];
        var nonPlainPaths = new List<int>();
        var steeredPaths = new List<int>();
        var chars = new int[1];
        byte[] previous = [];
        for (var k = 0; k < entries.Count; k++)
        {
            var bytes = entries[k].Bytes;
            var common = bytes.AsSpan().CommonPrefixLength(previous);
            path.RemoveRange(common + 1, path.Count - common - 1);
            for (var d = common; d < bytes.Length; d++)
            {
                path.Add(labels.Count);
                labels.Add(bytes[d]);
                depths.Add(d + 1);
                suffixChars.Add(0);
            }

            tokenNode[k] = path[bytes.Length];
            if (chars.Length < bytes.Length + 1)
            {
                chars = new int[bytes.Length + 1];
            }

            PlainStringSuffixes(bytes, chars);
            plainChars[k] = chars[0];
            if (chars[0] < 0)
            {
                nonPlainPaths.AddRange(path);
            }

            if (chars[0] < 0 || EndsInsideCharacter(bytes))
            {
                steeredPaths.AddRange(path);
            }
            for (var d = 0; d < bytes.Length; d++)
            {
                var node = path[d];
                suffixChars[node] = suffixChars[node] < 0 || chars[d] < 0 ? -1 : Math.Max(suffixChars[node], chars[d]);
            }

            previous = bytes;
            MaxTokenLength = Math.Max(MaxTokenLength, bytes.Length);
        }

        var count = labels.Count;
        StringSuffixChars = suffixChars.ToArray();
        Labels = labels.ToArray();
        Depths = depths.ToArray();
        SubtreeEnd = new int[count];
        var open = new Stack<int>();
        for (var i = 0; i < count; i++)
        {
            while (open.Count > 0 && Depths[open.Peek()] >= Depths[i])
            {
                SubtreeEnd[open.Pop()] = i;
            }

            open.Push(i);
        }

        while (open.Count > 0)
        {
            SubtreeEnd[open.Pop()] = count;
        }

        TokenBegin = new int[count + 1];
        var t = 0;
        for (var i = 0; i <= count; i++)
        {
            while (t < tokenNode.Length && tokenNode[t] < i)
            {
                t++;
            }

            TokenBegin[i] = t;
        }

        Tokens = new int[entries.Count];
        for (var k = 0; k < entries.Count; k++)
        {
            Tokens[k] = entries[k].Id;
        }

        // Plain tokens (whole token is string content) by character count, and the nodes on the way to the others.
        HasNonPlainToken = new bool[count];
        foreach (var node in nonPlainPaths)
        {
            HasNonPlainToken[node] = true;
        }

        HasSteeredToken = new bool[count];
        foreach (var node in steeredPaths)
        {
            HasSteeredToken[node] = true;
        }

        EndsMidCharacter = new bool[VocabularySize];
        foreach (var (bytes, id) in entries)
        {
            EndsMidCharacter[id] = EndsInsideCharacter(bytes);
        }

        var plain = new List<(int Chars, int Id)>();
        for (var k = 0; k < entries.Count; k++)
        {
            if (plainChars[k] >= 0)
            {
                plain.Add((plainChars[k], entries[k].Id));
            }
        }

        plain.Sort();
        PlainTokens = new int[plain.Count];
        PlainTokensUpTo = new int[(plain.Count > 0 ? plain[^1].Chars : 0) + 2];
        for (var k = 0; k < plain.Count; k++)
        {
            PlainTokens[k] = plain[k].Id;
            PlainTokensUpTo[plain[k].Chars + 1] = k + 1;
        }

        for (var c = 1; c < PlainTokensUpTo.Length; c++)
        {
            PlainTokensUpTo[c] = Math.Max(PlainTokensUpTo[c], PlainTokensUpTo[c - 1]);
        }

        RootChild = new int[256];
        Array.Fill(RootChild, -1);
        HasSingleByteToken = new bool[256];
        for (var c = count > 1 ? 1 : count; c < count; c = SubtreeEnd[c])
        {
            RootChild[Labels[c]] = c;
            HasSingleByteToken[Labels[c]] = TokenBegin[c + 1] > TokenBegin[c];
        }

        SpecialTokenIds = specials.ToArray();
        var eos = new List<int>();
        foreach (var id in tokenizer.EosTokenIds)
        {
            if ((uint)id < (uint)VocabularySize)
            {
                eos.Add(id);
            }
        }

        EosTokenIds = eos.ToArray();
    }

    /// <summary>Gets the vocabulary size (one more than the largest token id).</summary>
    public int VocabularySize { get; }

    /// <summary>Gets the number of tokens in the trie (non-special, with bytes).</summary>
    public int TokenCount => Tokens.Length;

    /// <summary>Gets the number of trie nodes, the root included.</summary>
    public int NodeCount => Labels.Length;

    /// <summary>Gets the longest token, in bytes.</summary>
    public int MaxTokenLength { get; }

    internal ITextTokenizer Tokenizer { get; }

    internal byte[] Labels { get; }

    internal int[] Depths { get; }

    internal int[] SubtreeEnd { get; }

    internal int[] TokenBegin { get; }

    internal int[] Tokens { get; }

    /// <summary>
    /// Gets, per node, the most characters any token below it adds past the node when every such token's remaining
    /// bytes are plain JSON string content (no quote, backslash or control byte; well-formed UTF-8, possibly ending
    /// inside a character), else -1. Inside a string with that much room the whole subtree is allowed without walking it.
    /// </summary>
    internal int[] StringSuffixChars { get; }

    /// <summary>Gets, per node, whether some token at or below it is not plain string content.</summary>
    internal bool[] HasNonPlainToken { get; }

    /// <summary>
    /// Gets, per node, whether some token at or below it is not plain string content or ends inside a UTF-8 character
    /// (such a token leaves bytes to complete, so under a token budget it is checked one by one).
    /// </summary>
    internal bool[] HasSteeredToken { get; }

    /// <summary>Gets, per token id, whether the token's bytes end inside a multi-byte UTF-8 character.</summary>
    internal bool[] EndsMidCharacter { get; }

    /// <summary>Gets the ids of tokens that are wholly plain string content, fewest characters first.</summary>
    internal int[] PlainTokens { get; }

    /// <summary>Gets, per character count c, how many <see cref="PlainTokens"/> have fewer than c characters (index c + 1 covers up to c).</summary>
    internal int[] PlainTokensUpTo { get; }

    /// <summary>Gets, per byte, the trie node of the root's child with that label, or -1.</summary>
    internal int[] RootChild { get; }

    /// <summary>Gets, per byte, whether some token is exactly that byte.</summary>
    internal bool[] HasSingleByteToken { get; }

    internal int[] SpecialTokenIds { get; }

    internal int[] EosTokenIds { get; }

    /// <summary>Gets the index of <paramref name="tokenizer"/>, building it on first use (then cached for the tokenizer's lifetime).</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <returns>The shared index.</returns>
    public static TokenVocabularyIndex For(ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Cache.GetValue(tokenizer, t => new TokenVocabularyIndex(t));
    }

    // Whether the last character of `bytes` is cut: its lead byte announces more bytes than follow it.
    private static bool EndsInsideCharacter(byte[] bytes)
    {
        for (int j = bytes.Length - 1, continuations = 0; j >= 0 && continuations < 4; j--, continuations++)
        {
            var b = bytes[j];
            if (b is >= 0x80 and <= 0xBF)
            {
                continue;
            }

            var width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return j + width > bytes.Length;
        }

        return false;
    }

    // chars[d] = characters in bytes[d..] when that suffix is plain string content starting at a character boundary, else -1.
    private static void PlainStringSuffixes(byte[] bytes, int[] chars)
    {
        var length = bytes.Length;
        chars[length] = 0;
        for (var d = length - 1; d >= 0; d--)
        {
            var b = bytes[d];
            if (b < 0x80)
            {
                chars[d] = b >= 0x20 && b != '"' && b != '\\' && chars[d + 1] >= 0 ? chars[d + 1] + 1 : -1;
                continue;
            }

            var (width, lo, hi) = b switch
            {
                >= 0xC2 and <= 0xDF => (2, 0x80, 0xBF),
                0xE0 => (3, 0xA0, 0xBF),
                >= 0xE1 and <= 0xEC => (3, 0x80, 0xBF),
                0xED => (3, 0x80, 0x9F),
                0xEE or 0xEF => (3, 0x80, 0xBF),
                0xF0 => (4, 0x90, 0xBF),
                >= 0xF1 and <= 0xF3 => (4, 0x80, 0xBF),
                0xF4 => (4, 0x80, 0x8F),
                _ => (0, 0, 0),
            };
            var ok = width > 0;
            for (var j = 1; ok && j < width && d + j < length; j++)
            {
                var c = bytes[d + j];
                ok = j == 1 ? c >= lo && c <= hi : c is >= 0x80 and <= 0xBF;
            }

            chars[d] = !ok ? -1 : d + width >= length ? 1 : chars[d + width] >= 0 ? chars[d + width] + 1 : -1;
        }
    }

    /// <summary>Gets the child of trie node <paramref name="node"/> labelled <paramref name="label"/>, or -1 (children are sorted by label).</summary>
    internal int Child(int node, byte label)
    {
        var end = SubtreeEnd[node];
        for (var c = node + 1; c < end; c = SubtreeEnd[c])
        {
            var l = Labels[c];
            if (l == label)
            {
                return c;
            }

            if (l > label)
            {
                return -1;
            }
        }

        return -1;
    }

    internal bool IsEos(int tokenId) => Array.IndexOf(EosTokenIds, tokenId) >= 0;
}
