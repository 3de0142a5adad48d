using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Tokenization;

public class VlmTokenizerTests
{
    [Fact]
    public void Properties_SentencePieceFixture_ComeFromModelAndConfig()
    {
        var tokenizer = TokenizerFixtures.SentencePiece;

        Assert.Equal(1, tokenizer.BosTokenId);
        Assert.Equal([2], tokenizer.EosTokenIds);
        Assert.Equal(514, tokenizer.VocabularySize);
    }

    [Fact]
    public void Properties_ByteLevelFixture_ComeFromJsonAndConfig()
    {
        var tokenizer = TokenizerFixtures.ByteLevel;

        Assert.Null(tokenizer.BosTokenId);
        Assert.Equal([511], tokenizer.EosTokenIds);
        Assert.Equal(514, tokenizer.VocabularySize);
    }

    [Theory]
    [InlineData("sp", "<image>", 512)]
    [InlineData("sp", "<pad>", 513)]
    [InlineData("sp", "<s>", 1)]
    [InlineData("sp", "</s>", 2)]
    [InlineData("sp", "<unk>", 0)]
    [InlineData("bpe", "<image>", 512)]
    [InlineData("bpe", "<|endoftext|>", 509)]
    [InlineData("bpe", "<|im_start|>", 510)]
    [InlineData("bpe", "<|im_end|>", 511)]
    public void TryGetSpecialTokenId_KnownToken_ReturnsId(string kind, string token, int expected)
    {
        var found = TokenizerFixtures.Get(kind).TryGetSpecialTokenId(token, out var id);

        Assert.True(found);
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("sp", "<|im_start|>")]
    [InlineData("sp", "image")]
    [InlineData("bpe", "<s>")]
    [InlineData("bpe", "")]
    public void TryGetSpecialTokenId_UnknownToken_ReturnsFalse(string kind, string token)
    {
        Assert.False(TokenizerFixtures.Get(kind).TryGetSpecialTokenId(token, out _));
    }

    [Theory]
    [InlineData("sp")]
    [InlineData("bpe")]
    public void Encode_ImageTokenInsideWord_MapsToImageIdBetweenSegments(string kind)
    {
        var tokenizer = TokenizerFixtures.Get(kind);

        var ids = tokenizer.Encode("abc<image>def", addBos: false);

        var expected = tokenizer.Encode("abc", addBos: false).Append(512).Concat(tokenizer.Encode("def", addBos: false));
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("sp")]
    [InlineData("bpe")]
    public void Encode_ParseSpecialTokensFalse_EncodesTagsAsText(string kind)
    {
        var tokenizer = TokenizerFixtures.Get(kind);
        const string Text = "<|im_start|>user\n<image>hi</s><pad>";

        var ids = tokenizer.Encode(Text, addBos: false, parseSpecialTokens: false);

        Assert.DoesNotContain(ids, id => id >= 509 || id is 0 or 1 or 2 && kind == "sp");
        Assert.Equal(Text, tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void Encode_ByteLevelWithAddBos_AddsNothingBecauseThereIsNoBos()
    {
        var tokenizer = TokenizerFixtures.ByteLevel;

        Assert.Equal(tokenizer.Encode("Hello", addBos: false), tokenizer.Encode("Hello", addBos: true));
    }

    [Fact]
    public void Encode_SentencePieceEmptyTextWithBos_ReturnsOnlyBos()
    {
        Assert.Equal([1], TokenizerFixtures.SentencePiece.Encode(string.Empty, addBos: true));
        Assert.Empty(TokenizerFixtures.SentencePiece.Encode(string.Empty, addBos: false));
    }

    [Fact]
    public void Encode_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TokenizerFixtures.ByteLevel.Encode(null!, addBos: false));
    }

    [Fact]
    public void Encode_LegacySegmentsOff_NoDummyPrefixAfterAddedToken()
    {
        var tokenizer = VlmTokenizer.Load(TokenizerFixtures.SentencePieceDirectory, new TokenizerFileOptions { LegacySentencePieceSegments = false });
        var legacy = TokenizerFixtures.Case("image_middle").SentencePieceIds;
        var image = Array.IndexOf(legacy, 512);

        var ids = tokenizer.Encode("USER: <image>\nWhat is shown in this picture? ASSISTANT:", addBos: true);

        // Legacy gives <image>, '▁' (421), '\n'; without it the '▁' after the added token goes away.
        Assert.Equal(421, legacy[image + 1]);
        Assert.Equal(legacy.Take(image + 1).Concat(legacy.Skip(image + 2)), ids);
    }

    [Fact]
    public void Encode_AdditionalSpecialToken_IsRecognisedAndSkippedOnDecode()
    {
        var tokenizer = VlmTokenizer.Load(TokenizerFixtures.ByteLevelDirectory, new TokenizerFileOptions
        {
            AdditionalSpecialTokens = new Dictionary<string, int> { ["<tool_call>"] = 514 },
        });

        var ids = tokenizer.Encode("a<tool_call>b", addBos: false);

        Assert.Equal(515, tokenizer.VocabularySize);
        Assert.Equal([97, 514, 98], ids);
        Assert.Equal("ab", tokenizer.Decode(ids));
        Assert.Equal("a<tool_call>b", tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Load_EosTokensOption_ReplacesFileEos()
    {
        var tokenizer = VlmTokenizer.Load(TokenizerFixtures.ByteLevelDirectory, new TokenizerFileOptions { EosTokens = ["<|im_end|>", "<|endoftext|>"] });

        Assert.Equal([511, 509], tokenizer.EosTokenIds);
    }

    [Fact]
    public void Load_EosTokensOptionWithUnknownToken_ThrowsNamingToken()
    {
        var error = Assert.Throws<ArgumentException>(() => VlmTokenizer.Load(TokenizerFixtures.ByteLevelDirectory, new TokenizerFileOptions { EosTokens = ["<|eot|>"] }));

        Assert.Contains("<|eot|>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AdditionalSpecialTokenWithNegativeId_ThrowsNamingOption()
    {
        var options = new TokenizerFileOptions { AdditionalSpecialTokens = new Dictionary<string, int> { ["<x>"] = -1 } };

        var error = Assert.Throws<ArgumentException>(() => VlmTokenizer.Load(TokenizerFixtures.ByteLevelDirectory, options));

        Assert.Contains(nameof(TokenizerFileOptions.AdditionalSpecialTokens), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sp", 514)]
    [InlineData("sp", -1)]
    [InlineData("bpe", 600)]
    public void Decode_IdOutsideVocabulary_ThrowsNamingId(string kind, int id)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TokenizerFixtures.Get(kind).Decode([5, id]));

        Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sp")]
    [InlineData("bpe")]
    public void Encode_ManyThreadsAtOnce_GiveReferenceIds(string kind)
    {
        var tokenizer = TokenizerFixtures.Get(kind);
        var cases = TokenizerFixtures.ReferenceCases;
        var failures = 0;

        Parallel.For(0, cases.Count * 8, i =>
        {
            var reference = cases[i % cases.Count];
            if (!tokenizer.Encode(reference.Text, addBos: true).SequenceEqual(reference.Ids(kind)))
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
