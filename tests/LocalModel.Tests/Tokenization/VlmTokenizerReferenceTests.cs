using System;
using System.Text;

namespace LocalModel.Tests.Tokenization;

/// <summary>Every reference string of reference_ids.json, for the SentencePiece (sp) and byte-level BPE (bpe) fixtures.</summary>
public class VlmTokenizerReferenceTests
{
    [Theory]
    [MemberData(nameof(TokenizerFixtures.AllCases), MemberType = typeof(TokenizerFixtures))]
    public void Encode_ReferenceText_MatchesPythonIds(string kind, string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var tokenizer = TokenizerFixtures.Get(kind);

        var ids = tokenizer.Encode(reference.Text, addBos: true);

        Assert.Equal(reference.Ids(kind), ids);
    }

    [Theory]
    [MemberData(nameof(TokenizerFixtures.AllCases), MemberType = typeof(TokenizerFixtures))]
    public void Decode_ReferenceIds_MatchesPythonText(string kind, string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var tokenizer = TokenizerFixtures.Get(kind);

        var kept = tokenizer.Decode(reference.Ids(kind), skipSpecialTokens: false);
        var skipped = tokenizer.Decode(reference.Ids(kind), skipSpecialTokens: true);

        Assert.Equal(reference.Decoded(kind, skipSpecialTokens: false), kept);
        Assert.Equal(reference.Decoded(kind, skipSpecialTokens: true), skipped);
    }

    [Theory]
    [MemberData(nameof(TokenizerFixtures.AllCases), MemberType = typeof(TokenizerFixtures))]
    public void StreamingDecoder_ReferenceIdsOneByOne_ConcatenatesToPythonText(string kind, string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var tokenizer = TokenizerFixtures.Get(kind);

        foreach (var skip in new[] { false, true })
        {
            var decoder = tokenizer.CreateStreamingDecoder(skip);
            var text = new StringBuilder();
            foreach (var id in reference.Ids(kind))
            {
                var piece = decoder.Append(id);
                Assert.NotEqual(string.Empty, piece);
                text.Append(piece);
            }

            Assert.Null(decoder.Flush());
            Assert.Equal(reference.Decoded(kind, skip), text.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(TokenizerFixtures.AllCases), MemberType = typeof(TokenizerFixtures))]
    public void StreamingDecoder_SpanOverload_ProducesSameTextAsDecode(string kind, string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var tokenizer = TokenizerFixtures.Get(kind);
        var decoder = tokenizer.CreateStreamingDecoder(skipSpecialTokens: false);
        var buffer = new char[decoder.MaxCharsPerAppend];
        var text = new StringBuilder();

        foreach (var id in reference.Ids(kind))
        {
            text.Append(buffer, 0, decoder.Append(id, buffer));
        }

        text.Append(buffer, 0, decoder.Flush(buffer));

        Assert.Equal(tokenizer.Decode(reference.Ids(kind), skipSpecialTokens: false), text.ToString());
    }

    [Theory]
    [MemberData(nameof(TokenizerFixtures.CaseNames), MemberType = typeof(TokenizerFixtures))]
    public void EncodeDecode_ByteLevelWithoutSpecialTokens_RoundTripsText(string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var tokenizer = TokenizerFixtures.ByteLevel;

        var ids = tokenizer.Encode(reference.Text, addBos: false, parseSpecialTokens: false);

        Assert.Equal(reference.Text, tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.DoesNotContain(ids, id => id >= 509);
    }

    [Theory]
    [MemberData(nameof(TokenizerFixtures.CaseNames), MemberType = typeof(TokenizerFixtures))]
    public void EncodeDecode_SentencePieceWithoutSpecialTokens_RoundTripsText(string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var tokenizer = TokenizerFixtures.SentencePiece;

        var ids = tokenizer.Encode(reference.Text, addBos: true, parseSpecialTokens: false);

        Assert.Equal(reference.Text, tokenizer.Decode(ids));
        Assert.Equal(1, ids[0]);
        Assert.DoesNotContain(ids.AsSpan(1).ToArray(), id => id is 0 or 1 or 2 or >= 512);
    }
}
