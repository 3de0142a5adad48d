using System;
using System.Collections.Generic;

namespace LocalModel.Tokenization;

/// <summary>Encodes text that contains no added tokens with the underlying model.</summary>
internal interface ISegmentEncoder
{
    /// <summary>Appends the ids of <paramref name="segment"/> to <paramref name="ids"/>.</summary>
    /// <param name="segment">Text between added tokens; never empty.</param>
    /// <param name="atTextStart">Whether the segment starts at offset 0 of the whole text.</param>
    /// <param name="ids">Where the ids go.</param>
    void Encode(ReadOnlySpan<char> segment, bool atTextStart, List<int> ids);

    /// <summary>Looks up a model vocabulary entry by its exact stored text.</summary>
    bool TryGetVocabularyId(string token, out int id);
}
