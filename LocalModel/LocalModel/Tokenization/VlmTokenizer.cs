using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace LocalModel.Tokenization;

/// <summary>
/// The tokenizer of a local vision-language model, over Microsoft.ML.Tokenizers: SentencePiece BPE
/// (<c>tokenizer.model</c>, Llama and LLaVA-1.5) or HuggingFace byte-level BPE (<c>tokenizer.json</c>, Qwen2 style),
/// with added tokens such as <c>&lt;image&gt;</c> recognised in text.
/// </summary>
/// <remarks>
/// Immutable once loaded and safe to share between threads. Encoding follows HuggingFace: added tokens are found in the raw
/// text first (leftmost, then longest), the text between them is encoded segment by segment; for SentencePiece each segment gets
/// its own dummy-prefix space unless <see cref="TokenizerFileOptions.LegacySentencePieceSegments"/> (or <c>"legacy": false</c>) says otherwise.
/// Decoding concatenates token bytes and, for SentencePiece, drops one leading space of the result.
/// </remarks>
public sealed class VlmTokenizer : ITextTokenizer
{
    private readonly ISegmentEncoder _encoder;
    private readonly AddedTokenSplitter _splitter;
    private readonly Dictionary<string, int> _specialIds;
    private readonly TokenPieceTable _table;
    private readonly bool _stripLeadingSpace;

    internal VlmTokenizer(ISegmentEncoder encoder, IReadOnlyCollection<AddedToken> addedTokens, Dictionary<string, int> specialIds, TokenPieceTable table, bool stripLeadingSpace, int? bosTokenId, IReadOnlyList<int> eosTokenIds)
    {
        _encoder = encoder;
        _splitter = new AddedTokenSplitter(addedTokens);
        _specialIds = specialIds;
        _table = table;
        _stripLeadingSpace = stripLeadingSpace;
        BosTokenId = bosTokenId;
        EosTokenIds = eosTokenIds;
    }

    /// <inheritdoc />
    public int? BosTokenId { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> EosTokenIds { get; }

    /// <inheritdoc />
    public int VocabularySize => _table.Count;

    /// <summary>
    /// Loads the tokenizer in a model folder. A byte-level BPE <c>tokenizer.json</c> is used when present; otherwise, or when
    /// <c>tokenizer.json</c> is SentencePiece-style, <c>tokenizer.model</c>. Added tokens, BOS/EOS and <c>legacy</c> come from
    /// <c>tokenizer_config.json</c>, EOS ids also from <c>generation_config.json</c>, when present.
    /// </summary>
    /// <param name="directory">The folder holding the tokenizer files.</param>
    /// <param name="options">Loading options; <see langword="null"/> for the defaults.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="System.IO.DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="System.IO.FileNotFoundException">Neither tokenizer file exists.</exception>
    /// <exception cref="System.IO.InvalidDataException">A file is malformed; the message names the file and field.</exception>
    /// <exception cref="NotSupportedException">The tokenizer kind is not supported; the message names the file and field.</exception>
    public static VlmTokenizer Load(string directory, TokenizerFileOptions? options = null) =>
        VlmTokenizerLoader.Load(directory, options ?? new TokenizerFileOptions());

    /// <summary>
    /// Creates a tokenizer from a SentencePiece BPE model file alone (no sibling configuration files are read).
    /// </summary>
    /// <param name="modelPath">The <c>tokenizer.model</c> file.</param>
    /// <param name="options">Loading options (added tokens such as <c>&lt;image&gt;</c>); <see langword="null"/> for the defaults.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="System.IO.FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="System.IO.InvalidDataException">The file is not a SentencePiece model.</exception>
    /// <exception cref="NotSupportedException">The model is not BPE, or uses a normalization other than identity.</exception>
    public static VlmTokenizer FromSentencePieceModel(string modelPath, TokenizerFileOptions? options = null) =>
        VlmTokenizerLoader.FromSentencePieceModel(modelPath, null, null, options ?? new TokenizerFileOptions());

    /// <summary>
    /// Creates a tokenizer from a HuggingFace byte-level BPE <c>tokenizer.json</c> alone (no sibling configuration files are read).
    /// </summary>
    /// <param name="tokenizerJsonPath">The <c>tokenizer.json</c> file.</param>
    /// <param name="options">Loading options; <see langword="null"/> for the defaults.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="System.IO.FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="System.IO.InvalidDataException">The file is malformed; the message names the field.</exception>
    /// <exception cref="NotSupportedException">The file describes another tokenizer kind; the message names the field.</exception>
    public static VlmTokenizer FromHuggingFaceJson(string tokenizerJsonPath, TokenizerFileOptions? options = null) =>
        VlmTokenizerLoader.FromHuggingFaceJson(tokenizerJsonPath, null, null, options ?? new TokenizerFileOptions());

    /// <inheritdoc />
    public int[] Encode(string text, bool addBos, bool parseSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>((text.Length / 3) + 2);
        if (addBos && BosTokenId is int bos)
        {
            ids.Add(bos);
        }

        if (!parseSpecialTokens)
        {
            if (text.Length > 0)
            {
                _encoder.Encode(text, atTextStart: true, ids);
            }
        }
        else
        {
            _splitter.Split(
                text,
                (start, length) => _encoder.Encode(text.AsSpan(start, length), start == 0, ids),
                token => ids.Add(token.Id));
        }

        return [.. ids];
    }

    /// <summary>
    /// Encodes <paramref name="text"/> like <see cref="Encode(string, bool, bool)"/> with special tokens parsed, except that
    /// no added token is recognised where it overlaps one of <paramref name="literalRanges"/> (untrusted content spliced into a
    /// template): those characters are encoded as plain text. Text outside the ranges tokenizes exactly as
    /// <see cref="Encode(string, bool, bool)"/> would.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="addBos">Whether to start with the BOS id.</param>
    /// <param name="literalRanges">Character ranges (start, length), sorted and not overlapping, where added tokens are not parsed.</param>
    /// <returns>The token ids.</returns>
    internal int[] EncodeWithLiteralRanges(string text, bool addBos, IReadOnlyList<(int Start, int Length)> literalRanges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(literalRanges);
        var ids = new List<int>((text.Length / 3) + 2);
        if (addBos && BosTokenId is int bos)
        {
            ids.Add(bos);
        }

        _splitter.Split(
            text,
            (start, length) => _encoder.Encode(text.AsSpan(start, length), start == 0, ids),
            token => ids.Add(token.Id),
            (start, length) => !Overlaps(literalRanges, start, length));
        return [.. ids];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = true)
    {
        var decoder = CreateStreamingDecoder(skipSpecialTokens);
        var buffer = ArrayPool<char>.Shared.Rent(decoder.MaxCharsPerAppend);
        try
        {
            var text = new StringBuilder(ids.Length * 4);
            foreach (var id in ids)
            {
                text.Append(buffer, 0, decoder.Append(id, buffer));
            }

            text.Append(buffer, 0, decoder.Flush(buffer));
            return text.ToString();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public bool TryGetTokenBytes(int tokenId, out ReadOnlySpan<byte> bytes, out bool isSpecial)
    {
        bytes = default;
        isSpecial = false;
        if ((uint)tokenId >= (uint)_table.Count || !_table.TryGet(tokenId, out bytes, out var kind))
        {
            return false;
        }

        isSpecial = kind == TokenPieceKind.Special;
        return true;
    }

    /// <inheritdoc />
    public bool TryGetSpecialTokenId(string token, out int id)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _specialIds.TryGetValue(token, out id);
    }

    /// <inheritdoc />
    public IStreamingTokenDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) =>
        new Utf8StreamingTokenDecoder(_table, skipSpecialTokens, _stripLeadingSpace);

    /// <summary>Looks up a model vocabulary entry (SentencePiece piece or byte-level BPE token, as stored) by its exact text.</summary>
    internal bool TryGetVocabularyId(string token, out int id) => _encoder.TryGetVocabularyId(token, out id);

    private static bool Overlaps(IReadOnlyList<(int Start, int Length)> ranges, int start, int length)
    {
        foreach (var (rangeStart, rangeLength) in ranges)
        {
            if (start < rangeStart + rangeLength && rangeStart < start + length)
            {
                return true;
            }
        }

        return false;
    }
}
