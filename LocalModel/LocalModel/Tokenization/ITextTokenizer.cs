using System;
using System.Collections.Generic;

namespace LocalModel.Tokenization;

/// <summary>
/// Turns prompt text into token ids and generated token ids back into text, for one model.
/// </summary>
/// <remarks>
/// Implementations are immutable after loading and safe to use from many threads at once; the
/// streaming decoders they create are per-request objects and are not thread-safe.
/// </remarks>
public interface ITextTokenizer
{
    /// <summary>Gets the id of the beginning-of-sequence token, or <see langword="null"/> when the model has none.</summary>
    int? BosTokenId { get; }

    /// <summary>Gets the ids that end generation (for example <c>&lt;/s&gt;</c>, or <c>&lt;|im_end|&gt;</c> and <c>&lt;|endoftext|&gt;</c>); may be empty.</summary>
    IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>Gets one more than the largest token id this tokenizer can produce or decode (model vocabulary plus added tokens).</summary>
    int VocabularySize { get; }

    /// <summary>
    /// Encodes <paramref name="text"/> to token ids.
    /// </summary>
    /// <param name="text">The text to encode.</param>
    /// <param name="addBos">Whether to start the ids with <see cref="BosTokenId"/>; ignored when the model has no BOS token.</param>
    /// <param name="parseSpecialTokens">
    /// When <see langword="true"/> (the default), added tokens such as <c>&lt;image&gt;</c> or <c>&lt;|im_start|&gt;</c> found anywhere in
    /// <paramref name="text"/> map to their ids. Pass <see langword="false"/> for untrusted text (user messages, web pages) so that it
    /// cannot inject control tokens: it is then encoded as plain text.
    /// </param>
    /// <returns>The token ids.</returns>
    int[] Encode(string text, bool addBos, bool parseSpecialTokens = true);

    /// <summary>
    /// Decodes token ids to text, the way HuggingFace <c>decode</c> does.
    /// </summary>
    /// <param name="ids">The token ids.</param>
    /// <param name="skipSpecialTokens">Whether special tokens (BOS, EOS, <c>&lt;image&gt;</c>, ...) are left out (default) or written as their text.</param>
    /// <returns>The text. Invalid UTF-8 byte sequences become U+FFFD.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is negative, not below <see cref="VocabularySize"/>, or has no token.</exception>
    string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = true);

    /// <summary>
    /// Looks up the id of an added or control token by its exact text, for example <c>&lt;image&gt;</c> or <c>&lt;/s&gt;</c>.
    /// </summary>
    /// <param name="token">The token text.</param>
    /// <param name="id">The id when found.</param>
    /// <returns><see langword="true"/> when the token exists.</returns>
    bool TryGetSpecialTokenId(string token, out int id);

    /// <summary>
    /// Gets the UTF-8 bytes a token contributes to decoded text (SentencePiece word markers as spaces, byte-fallback
    /// and byte-level tokens as their raw bytes), for constrained decoding. The leading-space removal decoding applies
    /// to the very first token of an output is not reflected here.
    /// </summary>
    /// <param name="tokenId">The token id.</param>
    /// <param name="bytes">The token's bytes (for special tokens, the UTF-8 of their text).</param>
    /// <param name="isSpecial">Whether the token is a special/control token.</param>
    /// <returns><see langword="false"/> when the id is not a token of this tokenizer.</returns>
    bool TryGetTokenBytes(int tokenId, out ReadOnlySpan<byte> bytes, out bool isSpecial);

    /// <summary>
    /// Creates a decoder that turns generated ids into text one token at a time.
    /// </summary>
    /// <param name="skipSpecialTokens">Whether special tokens are left out (default) or written as their text.</param>
    /// <returns>A new decoder; the concatenation of its output equals <see cref="Decode"/> of the same ids.</returns>
    IStreamingTokenDecoder CreateStreamingDecoder(bool skipSpecialTokens = true);
}
