using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace LocalModel.Tokenization;

/// <summary>Byte-level BPE segments through Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>.</summary>
internal sealed class ByteLevelBpeEncoder : ISegmentEncoder
{
    private readonly BpeTokenizer _tokenizer;
    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly bool _normalizeNfc;

    public ByteLevelBpeEncoder(BpeTokenizer tokenizer, IReadOnlyDictionary<string, int> vocabulary, bool normalizeNfc)
    {
        _tokenizer = tokenizer;
        _vocabulary = vocabulary;
        _normalizeNfc = normalizeNfc;
    }

    public bool TryGetVocabularyId(string token, out int id) => _vocabulary.TryGetValue(token, out id);

    public void Encode(ReadOnlySpan<char> segment, bool atTextStart, List<int> ids)
    {
        // HF "NFC" normalizer. Needs ICU: under InvariantGlobalization .NET's Normalize returns the text unchanged.
        var text = _normalizeNfc && segment.ContainsAnyExceptInRange('\0', '\u007F') ? segment.ToString().Normalize(NormalizationForm.FormC) : null;
        ids.AddRange(text is null
            ? _tokenizer.EncodeToIds(segment, considerPreTokenization: true, considerNormalization: true)
            : _tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true));
    }
}
