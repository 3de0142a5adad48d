using System;
using System.Text;

namespace LocalModel.Tokenization;

/// <summary>
/// Streams token bytes through one UTF-8 decoder, which holds back incomplete characters between tokens.
/// </summary>
internal sealed class Utf8StreamingTokenDecoder : IStreamingTokenDecoder
{
    // Held-back bytes of an incomplete character (at most 3) can each become one U+FFFD.
    private const int MaxHeldBackChars = 3;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly TokenPieceTable _table;
    private readonly bool _skipSpecialTokens;
    private readonly bool _stripLeadingSpace;
    private readonly Decoder _utf8 = Utf8.GetDecoder();
    private char[]? _scratch;
    private bool _atStart = true;

    public Utf8StreamingTokenDecoder(TokenPieceTable table, bool skipSpecialTokens, bool stripLeadingSpace)
    {
        _table = table;
        _skipSpecialTokens = skipSpecialTokens;
        _stripLeadingSpace = stripLeadingSpace;
        MaxCharsPerAppend = table.MaxTokenByteCount + MaxHeldBackChars;
    }

    public int MaxCharsPerAppend { get; }

    public string? Append(int tokenId)
    {
        var scratch = _scratch ??= new char[MaxCharsPerAppend];
        var written = Append(tokenId, scratch);
        return written == 0 ? null : new string(scratch, 0, written);
    }

    public int Append(int tokenId, Span<char> destination)
    {
        CheckDestination(destination);
        var kind = _table.Get(tokenId, out var bytes);
        int written;
        if (kind == TokenPieceKind.Special)
        {
            if (_skipSpecialTokens)
            {
                // HF removes skipped tokens before its decoders run, so bytes on both sides still join.
                return 0;
            }

            // A special token ends any incomplete character, then is written as its text.
            written = _utf8.GetChars(ReadOnlySpan<byte>.Empty, destination, flush: true);
            written += Utf8.GetChars(bytes, destination[written..]);
        }
        else
        {
            written = _utf8.GetChars(bytes, destination, flush: false);
        }

        return StripLeadingSpace(destination, written);
    }

    public string? Flush()
    {
        var scratch = _scratch ??= new char[MaxCharsPerAppend];
        var written = Flush(scratch);
        return written == 0 ? null : new string(scratch, 0, written);
    }

    public int Flush(Span<char> destination)
    {
        CheckDestination(destination);
        var written = _utf8.GetChars(ReadOnlySpan<byte>.Empty, destination, flush: true);
        return StripLeadingSpace(destination, written);
    }

    public void Reset()
    {
        _utf8.Reset();
        _atStart = true;
    }

    private void CheckDestination(Span<char> destination)
    {
        if (destination.Length < MaxCharsPerAppend)
        {
            throw new ArgumentException($"The destination holds {destination.Length} characters; expected at least {MaxCharsPerAppend} ({nameof(MaxCharsPerAppend)}).", nameof(destination));
        }
    }

    // SentencePiece decoding drops one leading space of the whole text (HF's Strip decoder after Fuse);
    // only the first characters produced can carry it.
    private int StripLeadingSpace(Span<char> destination, int written)
    {
        if (!_atStart || written == 0)
        {
            return written;
        }

        _atStart = false;
        if (!_stripLeadingSpace || destination[0] != ' ')
        {
            return written;
        }

        destination[1..written].CopyTo(destination);
        return written - 1;
    }
}
