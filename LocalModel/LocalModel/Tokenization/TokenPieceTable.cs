using System;
using System.Collections.Generic;

namespace LocalModel.Tokenization;

/// <summary>
/// The UTF-8 bytes every token id stands for when decoding, stored flat so that decoding allocates nothing per token.
/// </summary>
internal sealed class TokenPieceTable
{
    private readonly byte[] _bytes;
    private readonly int[] _offsets;
    private readonly TokenPieceKind[] _kinds;

    private TokenPieceTable(byte[] bytes, int[] offsets, TokenPieceKind[] kinds, int maxTokenByteCount)
    {
        _bytes = bytes;
        _offsets = offsets;
        _kinds = kinds;
        MaxTokenByteCount = maxTokenByteCount;
    }

    /// <summary>Gets one more than the largest id.</summary>
    public int Count => _kinds.Length;

    /// <summary>Gets the byte length of the longest token.</summary>
    public int MaxTokenByteCount { get; }

    /// <summary>Returns the kind and bytes of a token, or throws when the id has no token.</summary>
    public TokenPieceKind Get(int id, out ReadOnlySpan<byte> bytes)
    {
        if ((uint)id >= (uint)_kinds.Length || _kinds[id] == TokenPieceKind.Missing)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id {id} is not a token of this tokenizer (ids 0..{_kinds.Length - 1}).");
        }

        bytes = _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);
        return _kinds[id];
    }

    /// <summary>Builds a table from (id, bytes, kind) entries; later entries for the same id replace earlier ones.</summary>
    public bool TryGet(int id, out ReadOnlySpan<byte> bytes, out TokenPieceKind kind)
    {
        bytes = default;
        kind = TokenPieceKind.Missing;
        if ((uint)id >= (uint)_kinds.Length || _kinds[id] == TokenPieceKind.Missing)
        {
            return false;
        }

        bytes = _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);
        kind = _kinds[id];
        return true;
    }

    public static TokenPieceTable Build(IEnumerable<(int Id, byte[] Bytes, TokenPieceKind Kind)> entries)
    {
        var byId = new Dictionary<int, (byte[] Bytes, TokenPieceKind Kind)>();
        var count = 0;
        foreach (var (id, bytes, kind) in entries)
        {
            byId[id] = (bytes, kind);
            count = Math.Max(count, id + 1);
        }

        var kinds = new TokenPieceKind[count];
        var offsets = new int[count + 1];
        var total = 0;
        var max = 0;
        for (var id = 0; id < count; id++)
        {
            offsets[id] = total;
            if (byId.TryGetValue(id, out var entry))
            {
                kinds[id] = entry.Kind;
                total += entry.Bytes.Length;
                max = Math.Max(max, entry.Bytes.Length);
            }
        }

        offsets[count] = total;
        var flat = new byte[total];
        foreach (var (id, entry) in byId)
        {
            entry.Bytes.CopyTo(flat, offsets[id]);
        }

        return new TokenPieceTable(flat, offsets, kinds, max);
    }
}
