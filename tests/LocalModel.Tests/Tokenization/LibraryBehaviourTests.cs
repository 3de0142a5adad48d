using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModel.Tokenization;
using Microsoft.ML.Tokenizers;

namespace LocalModel.Tests.Tokenization;

/// <summary>
/// Pins down behaviours of Microsoft.ML.Tokenizers 2.0.1 and .NET that the wrapper works around. When one of these starts
/// failing, the library or runtime changed: re-check whether the workaround named in the test is still needed.
/// </summary>
public class LibraryBehaviourTests
{
    private const string Qwen2Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [Theory]
    [InlineData("inner_spaces")]
    [InlineData("leading_trailing_spaces")]
    public void LlamaTokenizerEncode_RunOfSpaces_MergesEqualScoresRightmostFirstUnlikeSentencePiece(string caseName)
    {
        // Workaround: SentencePieceBpeEncoder runs SentencePiece's merge loop (leftmost first on equal scores).
        var reference = TokenizerFixtures.Case(caseName);
        using var stream = File.OpenRead(Path.Combine(TokenizerFixtures.SentencePieceDirectory, "tokenizer.model"));
        var library = LlamaTokenizer.Create(stream, addBeginOfSentence: true, addEndOfSentence: false);

        var libraryIds = library.EncodeToIds(reference.Text);

        Assert.NotEqual(reference.SentencePieceIds, libraryIds);
        Assert.Equal(reference.SentencePieceIds.Order(), libraryIds.Order());
        Assert.Equal(reference.SentencePieceIds, TokenizerFixtures.SentencePiece.Encode(reference.Text, addBos: true));
    }

    [Fact]
    public void LlamaTokenizerEncode_EmptyTextWithBos_ReturnsNoBos()
    {
        // Workaround: VlmTokenizer adds BOS itself (SentencePiece and HF give [bos] for empty text).
        using var stream = File.OpenRead(Path.Combine(TokenizerFixtures.SentencePieceDirectory, "tokenizer.model"));
        var library = LlamaTokenizer.Create(stream, addBeginOfSentence: true, addEndOfSentence: false);

        Assert.Empty(library.EncodeToIds(string.Empty));
    }

    [Fact]
    public void RegexPreTokenizer_AstralLetters_SplitsByUtf16UnitsUnlikePythonRegex()
    {
        // Workaround: SurrogateAwareRegexPreTokenizer folds surrogate pairs before matching.
        const string Text = "x𝐀y 𝟏𝟐";
        var plain = new RegexPreTokenizer(new Regex(Qwen2Pattern), null);

        var plainPieces = plain.PreTokenize(Text).Select(s => Text.Substring(s.Offset, s.Length)).ToArray();
        var fixedPieces = new SurrogateAwareRegexPreTokenizer(new Regex(Qwen2Pattern)).PreTokenize(Text).Select(s => Text.Substring(s.Offset, s.Length)).ToArray();

        Assert.Equal(["x", "𝐀", "y", " 𝟏𝟐"], plainPieces);
        Assert.Equal(["x𝐀y", " ", "𝟏", "𝟐"], fixedPieces);
    }

    [Theory]
    [MemberData(nameof(TokenizerFixtures.CaseNames), MemberType = typeof(TokenizerFixtures))]
    public void SurrogateAwareRegexPreTokenizer_ReferenceCases_MatchPythonRegexSplits(string caseName)
    {
        var reference = TokenizerFixtures.Case(caseName);
        var preTokenizer = new SurrogateAwareRegexPreTokenizer(new Regex(Qwen2Pattern));
        var specials = new AddedTokenSplitter(new[] { "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<image>", "<pad>" }.Select((t, i) => new AddedToken(t, 509 + i, true)));
        var pieces = new System.Collections.Generic.List<string>();

        specials.Split(
            reference.Text,
            (start, length) =>
            {
                var segment = reference.Text.Substring(start, length);
                pieces.AddRange(preTokenizer.PreTokenize(segment).Select(s => segment.Substring(s.Offset, s.Length)));
            },
            _ => { });

        Assert.Equal(reference.ByteLevelPreTokens, pieces);
    }

    [Fact]
    public void StringNormalize_WithIcu_ComposesDecomposedText()
    {
        // A tokenizer.json "NFC" normalizer relies on string.Normalize, which is a no-op under InvariantGlobalization;
        // the solution therefore runs with ICU (Directory.Build.props does not set InvariantGlobalization).
        Assert.Equal("\u00e9", "e\u0301".Normalize(System.Text.NormalizationForm.FormC));
    }
}
