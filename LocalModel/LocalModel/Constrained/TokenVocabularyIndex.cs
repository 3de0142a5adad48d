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
            }

            tokenNode[k] = path[bytes.Length];
            previous = bytes;
            MaxTokenLength = Math.Max(MaxTokenLength, bytes.Length);
        }

        var count = labels.Count;
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

    internal bool IsEos(int tokenId) => Array.IndexOf(EosTokenIds, tokenId) >= 0;
}
