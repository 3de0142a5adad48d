using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace LocalModel.Tokenization;

/// <summary>
/// SentencePiece BPE encoding (sentencepiece <c>bpe_model.cc</c> <c>Model::Encode</c>) over a model loaded by
/// Microsoft.ML.Tokenizers, whose normalizer it uses.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers 2.0.1 orders merge candidates of equal score rightmost first, where SentencePiece
/// takes the leftmost first, so runs such as four spaces before a word encode differently ("▁, ▁▁, ▁l" instead of
/// "▁▁, ▁, ▁l"). This loop keeps SentencePiece's order: highest score, then smallest left position.
/// </remarks>
internal sealed class SentencePieceBpeEncoder : ISegmentEncoder
{
    private readonly Dictionary<string, (int Id, float Score, SentencePieceType Type)> _pieces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Id, float Score, SentencePieceType Type)>.AlternateLookup<ReadOnlySpan<char>> _pieceLookup;
    private readonly Dictionary<string, int> _allPieces = new(StringComparer.Ordinal);
    private readonly string[] _userDefined;
    private readonly int[] _byteIds = new int[256];
    private readonly int _unknownId;
    private readonly bool _byteFallback;
    private readonly Normalizer _firstSegmentNormalizer;
    private readonly Normalizer _laterSegmentNormalizer;

    public SentencePieceBpeEncoder(SentencePieceModelFile model, SentencePieceTokenizer tokenizer, bool legacySegments)
    {
        Array.Fill(_byteIds, -1);
        var userDefined = new List<string>();
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, score, type) = model.Pieces[id];
            _allPieces.TryAdd(piece, id);
            switch (type)
            {
                // Only these take part in merges (SentencePiece's pieces_ map); control, unknown and byte pieces never do.
                case SentencePieceType.Normal or SentencePieceType.UserDefined or SentencePieceType.Unused:
                    _pieces.TryAdd(piece, (id, score, type));
                    if (type == SentencePieceType.UserDefined)
                    {
                        userDefined.Add(piece);
                    }

                    break;
                case SentencePieceType.Byte when TryParseBytePiece(piece, out var value):
                    _byteIds[value] = id;
                    break;
                default:
                    break;
            }
        }

        _pieceLookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        userDefined.Sort((a, b) => b.Length.CompareTo(a.Length));
        _userDefined = [.. userDefined];
        _unknownId = tokenizer.UnknownId;
        _byteFallback = tokenizer.ByteFallback;
        // The library's own normalizer knows the added tokens and gives the text after each of them a dummy prefix;
        // segments here never contain added tokens, so plain normalizers with the model's flags are used.
        var removeExtraWhiteSpaces = (tokenizer.Normalizer as SentencePieceNormalizer)?.RemoveExtraWhiteSpaces ?? false;
        _firstSegmentNormalizer = new SentencePieceNormalizer(removeExtraWhiteSpaces, tokenizer.AddDummyPrefix, tokenizer.EscapeWhiteSpaces, tokenizer.TreatWhitespaceAsSuffix, specialTokens: null);
        _laterSegmentNormalizer = legacySegments
            ? _firstSegmentNormalizer
            : new SentencePieceNormalizer(removeExtraWhiteSpaces, addDummyPrefix: false, tokenizer.EscapeWhiteSpaces, tokenizer.TreatWhitespaceAsSuffix, specialTokens: null);
    }

    public bool TryGetVocabularyId(string token, out int id) => _allPieces.TryGetValue(token, out id);

    public void Encode(ReadOnlySpan<char> segment, bool atTextStart, List<int> ids)
    {
        var normalized = (atTextStart ? _firstSegmentNormalizer : _laterSegmentNormalizer).Normalize(segment);
        if (normalized.Length == 0)
        {
            return;
        }

        var start = ArrayPool<int>.Shared.Rent(normalized.Length);
        var length = ArrayPool<int>.Shared.Rent(normalized.Length);
        var prev = ArrayPool<int>.Shared.Rent(normalized.Length);
        var next = ArrayPool<int>.Shared.Rent(normalized.Length);
        try
        {
            var count = SplitSymbols(normalized, start, length);
            for (var i = 0; i < count; i++)
            {
                prev[i] = i - 1;
                next[i] = i + 1 < count ? i + 1 : -1;
            }

            // Agenda ordered by score (highest first), then by left position (smallest first).
            var agenda = new PriorityQueue<(int Left, int Right, int Length), (float NegativeScore, int Left)>();
            Dictionary<(int Start, int Length), (int LeftStart, int LeftLength, int RightStart, int RightLength)>? unusedMerges = null;

            void TryAddPair(int left, int right)
            {
                if (left < 0 || right < 0)
                {
                    return;
                }

                var pairLength = length[left] + length[right];
                if (!_pieceLookup.TryGetValue(normalized.AsSpan(start[left], pairLength), out var piece))
                {
                    return;
                }

                agenda.Enqueue((left, right, pairLength), (-piece.Score, left));
                if (piece.Type == SentencePieceType.Unused)
                {
                    unusedMerges ??= [];
                    unusedMerges[(start[left], pairLength)] = (start[left], length[left], start[right], length[right]);
                }
            }

            for (var i = 1; i < count; i++)
            {
                TryAddPair(i - 1, i);
            }

            while (agenda.TryDequeue(out var top, out _))
            {
                // Skip pairs made stale by an earlier merge (the same test as SentencePiece).
                if (length[top.Left] == 0 || length[top.Right] == 0 || length[top.Left] + length[top.Right] != top.Length)
                {
                    continue;
                }

                length[top.Left] += length[top.Right];
                length[top.Right] = 0;
                next[top.Left] = next[top.Right];
                if (next[top.Left] >= 0)
                {
                    prev[next[top.Left]] = top.Left;
                }

                TryAddPair(prev[top.Left], top.Left);
                TryAddPair(top.Left, next[top.Left]);
            }

            for (var i = 0; i >= 0; i = next[i])
            {
                Emit(normalized, start[i], length[i], unusedMerges, ids);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(start);
            ArrayPool<int>.Shared.Return(length);
            ArrayPool<int>.Shared.Return(prev);
            ArrayPool<int>.Shared.Return(next);
        }
    }

    // One symbol per Unicode character; user-defined pieces stay whole.
    private int SplitSymbols(string text, int[] start, int[] length)
    {
        var count = 0;
        var position = 0;
        while (position < text.Length)
        {
            var symbolLength = char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
            foreach (var piece in _userDefined)
            {
                if (text.AsSpan(position).StartsWith(piece, StringComparison.Ordinal))
                {
                    symbolLength = piece.Length;
                    break;
                }
            }

            start[count] = position;
            length[count] = symbolLength;
            count++;
            position += symbolLength;
        }

        return count;
    }

    private void Emit(string text, int start, int length, Dictionary<(int, int), (int LeftStart, int LeftLength, int RightStart, int RightLength)>? unusedMerges, List<int> ids)
    {
        var span = text.AsSpan(start, length);
        if (_pieceLookup.TryGetValue(span, out var piece))
        {
            // Unused pieces are split back into the two symbols they were merged from.
            if (piece.Type == SentencePieceType.Unused && unusedMerges is not null && unusedMerges.TryGetValue((start, length), out var parts))
            {
                Emit(text, parts.LeftStart, parts.LeftLength, unusedMerges, ids);
                Emit(text, parts.RightStart, parts.RightLength, unusedMerges, ids);
                return;
            }

            ids.Add(piece.Id);
            return;
        }

        if (!_byteFallback)
        {
            ids.Add(_unknownId);
            return;
        }

        Span<byte> utf8 = stackalloc byte[8];
        var byteCount = Encoding.UTF8.GetBytes(span, utf8);
        foreach (var b in utf8[..byteCount])
        {
            ids.Add(_byteIds[b] >= 0 ? _byteIds[b] : _unknownId);
        }
    }

    internal static bool TryParseBytePiece(string piece, out byte value)
    {
        value = 0;
        return piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>'
            && byte.TryParse(piece.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
