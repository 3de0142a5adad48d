using System;

namespace LocalModel.Tokenization;

/// <summary>
/// Decodes generated token ids incrementally. Each character is produced exactly once: bytes of a UTF-8
/// character split across tokens (byte-fallback tokens, byte-level BPE tokens) are held back until the
/// character is complete.
/// </summary>
/// <remarks>
/// One instance serves one generation; it is not thread-safe. The concatenation of everything returned by
/// <see cref="Append(int)"/> and <see cref="Flush()"/> equals <see cref="ITextTokenizer.Decode"/> of the same ids.
/// </remarks>
public interface IStreamingTokenDecoder
{
    /// <summary>Gets the largest number of characters one call to <see cref="Append(int, Span{char})"/> or <see cref="Flush(Span{char})"/> can write.</summary>
    int MaxCharsPerAppend { get; }

    /// <summary>
    /// Adds one token and returns the text it completes.
    /// </summary>
    /// <param name="tokenId">The generated token id.</param>
    /// <returns>The new text, or <see langword="null"/> when the token completes no character (held-back bytes, skipped special token).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenId"/> is not a token of this tokenizer.</exception>
    string? Append(int tokenId);

    /// <summary>
    /// Adds one token and writes the text it completes into <paramref name="destination"/>, without allocating.
    /// </summary>
    /// <param name="tokenId">The generated token id.</param>
    /// <param name="destination">Where to write; at least <see cref="MaxCharsPerAppend"/> characters long.</param>
    /// <returns>The number of characters written (0 when the token completes no character).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="MaxCharsPerAppend"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenId"/> is not a token of this tokenizer.</exception>
    int Append(int tokenId, Span<char> destination);

    /// <summary>
    /// Ends the sequence: bytes still held back (an incomplete UTF-8 character) become U+FFFD.
    /// </summary>
    /// <returns>The remaining text, or <see langword="null"/> when nothing was held back.</returns>
    string? Flush();

    /// <summary>
    /// Ends the sequence, writing the remaining text into <paramref name="destination"/>.
    /// </summary>
    /// <param name="destination">Where to write; at least <see cref="MaxCharsPerAppend"/> characters long.</param>
    /// <returns>The number of characters written.</returns>
    int Flush(Span<char> destination);

    /// <summary>Forgets all state so that the decoder can start a new sequence.</summary>
    void Reset();
}
