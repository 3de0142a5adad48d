using System;
using System.Collections.Generic;

namespace LocalModel.Tokenization;

/// <summary>
/// Options for loading a tokenizer from files. All properties are optional; the defaults read everything from the files.
/// </summary>
public sealed class TokenizerFileOptions
{
    /// <summary>
    /// Gets extra added tokens (text to id) recognised in text and treated as special, on top of those in
    /// <c>tokenizer.json</c> (<c>added_tokens</c>) and <c>tokenizer_config.json</c> (<c>added_tokens_decoder</c>).
    /// Default: none. A text already mapped to a different id is an error.
    /// </summary>
    public IReadOnlyDictionary<string, int>? AdditionalSpecialTokens { get; init; }

    /// <summary>
    /// Gets the texts of the tokens that end generation. Default <see langword="null"/>: the model's EOS piece,
    /// <c>eos_token</c> of <c>tokenizer_config.json</c> and <c>eos_token_id</c> of <c>generation_config.json</c>.
    /// When set, it replaces those; each text must be a token of the tokenizer.
    /// </summary>
    public IReadOnlyList<string>? EosTokens { get; init; }

    /// <summary>
    /// Gets whether each SentencePiece text segment after an added token (such as <c>&lt;image&gt;</c>) gets its own
    /// dummy-prefix space, as HuggingFace's legacy Llama tokenizer and LLaVA's training code do
    /// (<c>"&lt;image&gt;\n"</c> gives <c>&lt;image&gt;, ▁, \n</c>). Default <see langword="null"/>: the <c>legacy</c> field of
    /// <c>tokenizer_config.json</c>, or <see langword="true"/> when absent. Ignored for byte-level BPE.
    /// </summary>
    public bool? LegacySentencePieceSegments { get; init; }

    internal void Validate()
    {
        if (AdditionalSpecialTokens is not null)
        {
            foreach (var (text, id) in AdditionalSpecialTokens)
            {
                if (string.IsNullOrEmpty(text))
                {
                    throw new ArgumentException($"{nameof(AdditionalSpecialTokens)} contains an empty token text; expected non-empty text.", nameof(AdditionalSpecialTokens));
                }

                if (id < 0)
                {
                    throw new ArgumentException($"{nameof(AdditionalSpecialTokens)} maps '{text}' to {id}; expected an id >= 0.", nameof(AdditionalSpecialTokens));
                }
            }
        }

        if (EosTokens is not null)
        {
            foreach (var text in EosTokens)
            {
                if (string.IsNullOrEmpty(text))
                {
                    throw new ArgumentException($"{nameof(EosTokens)} contains an empty token text; expected non-empty text.", nameof(EosTokens));
                }
            }
        }
    }
}
