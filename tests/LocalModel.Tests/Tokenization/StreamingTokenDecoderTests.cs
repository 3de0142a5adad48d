using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Tokenization;

public class StreamingTokenDecoderTests
{
    [Theory]
    [MemberData(nameof(TokenizerFixtures.AllCases), MemberType = typeof(TokenizerFixtures))]
    public void Append_ReferenceIds_EveryPieceIsCompleteText(string kind, string caseName)
    {
        var ids = TokenizerFixtures.Case(caseName).Ids(kind);
        var decoder = TokenizerFixtures.Get(kind).CreateStreamingDecoder(skipSpecialTokens: false);

        foreach (var id in ids)
        {
            var piece = decoder.Append(id);
            if (piece is not null)
            {
                Assert.DoesNotContain('\uFFFD', piece);
                Assert.False(char.IsHighSurrogate(piece[^1]), $"piece ends inside a surrogate pair after token {id}");
                Assert.False(char.IsLowSurrogate(piece[0]), $"piece starts inside a surrogate pair at token {id}");
            }
        }
    }

    [Fact]
    public void Append_ByteLevelTokensSplittingCjk_HoldsBackUntilCharacterIsComplete()
    {
        var tokenizer = TokenizerFixtures.ByteLevel;
        var ids = tokenizer.Encode("日本", addBos: false);
        var decoder = tokenizer.CreateStreamingDecoder();

        var pieces = ids.Select(decoder.Append).ToList();

        // 日 = E6 97 A5, 本 = E6 9C AC; the fixture's tokens are E6 | 97 | A5 E6 9C AC.
        Assert.Equal(3, ids.Length);
        Assert.Equal(new string?[] { null, null, "日本" }, pieces);
    }

    [Fact]
    public void Append_SentencePieceByteFallbackEmoji_EmitsEmojiOnFourthByte()
    {
        var tokenizer = TokenizerFixtures.SentencePiece;
        var ids = tokenizer.Encode("x🏽", addBos: false);
        var decoder = tokenizer.CreateStreamingDecoder();

        var pieces = ids.Select(decoder.Append).ToList();

        // '▁', 'x', <0xF0>, <0x9F>, <0x8F>, <0xBD>: the leading space is dropped, the emoji arrives whole.
        Assert.Equal(new string?[] { null, "x", null, null, null, "🏽" }, pieces);
        Assert.Null(decoder.Flush());
    }

    [Fact]
    public void Flush_IncompleteCharacter_EmitsReplacementCharacter()
    {
        var tokenizer = TokenizerFixtures.SentencePiece;
        Assert.True(tokenizer.TryGetVocabularyId("<0xE6>", out var e6));
        var decoder = tokenizer.CreateStreamingDecoder();

        Assert.Null(decoder.Append(e6));
        Assert.Equal("\uFFFD", decoder.Flush());
        Assert.Null(decoder.Flush());
    }

    [Fact]
    public void Append_KeptSpecialTokenAfterIncompleteCharacter_EndsCharacterThenWritesToken()
    {
        var tokenizer = TokenizerFixtures.SentencePiece;
        Assert.True(tokenizer.TryGetVocabularyId("<0xE6>", out var e6));
        var decoder = tokenizer.CreateStreamingDecoder(skipSpecialTokens: false);

        Assert.Null(decoder.Append(e6));
        Assert.Equal("\uFFFD<image>", decoder.Append(512));
    }

    [Fact]
    public void Append_SkippedSpecialTokenInsideCharacter_JoinsBytesAcrossIt()
    {
        var tokenizer = TokenizerFixtures.ByteLevel;
        var bytes = Encoding.UTF8.GetBytes("日");
        var ids = new List<int>();
        foreach (var b in bytes)
        {
            Assert.True(tokenizer.TryGetVocabularyId(ByteLevelAlphabet.ToChar(b).ToString(), out var id));
            ids.Add(id);
        }

        ids.Insert(1, 512);

        Assert.Equal("日", tokenizer.Decode(ids.ToArray(), skipSpecialTokens: true));
        Assert.Equal("\uFFFD<image>\uFFFD\uFFFD", tokenizer.Decode(ids.ToArray(), skipSpecialTokens: false));
    }

    [Fact]
    public void Append_DestinationShorterThanMaxChars_ThrowsNamingRequiredLength()
    {
        var decoder = TokenizerFixtures.ByteLevel.CreateStreamingDecoder();
        var buffer = new char[decoder.MaxCharsPerAppend - 1];

        var error = Assert.Throws<ArgumentException>(() => decoder.Append(65, buffer));

        Assert.Contains(decoder.MaxCharsPerAppend.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(514)]
    public void Append_IdOutsideVocabulary_Throws(int id)
    {
        var decoder = TokenizerFixtures.SentencePiece.CreateStreamingDecoder();

        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.Append(id));
    }

    [Fact]
    public void Reset_AfterPartialCharacter_StartsNewSequence()
    {
        var tokenizer = TokenizerFixtures.SentencePiece;
        Assert.True(tokenizer.TryGetVocabularyId("<0xE6>", out var e6));
        var hello = tokenizer.Encode("Hello", addBos: false);
        var decoder = tokenizer.CreateStreamingDecoder();
        decoder.Append(hello[0]);
        decoder.Append(e6);

        decoder.Reset();
        var text = string.Concat(hello.Select(decoder.Append));

        Assert.Equal("Hello", text);
        Assert.Null(decoder.Flush());
    }

    [Fact]
    public void Append_SentencePieceSecondWord_KeepsItsSpace()
    {
        var tokenizer = TokenizerFixtures.SentencePiece;
        var decoder = tokenizer.CreateStreamingDecoder();

        var text = string.Concat(tokenizer.Encode("Hello world", addBos: true).Select(decoder.Append));

        Assert.Equal("Hello world", text);
    }
}
