using Plugins.Tools.Retrieval.Lexical;

namespace Plugins.Tools.Tests.Retrieval.Lexical;

/// <summary>
/// The full stemmer on the examples of Porter's (1980) paper, each expected stem worked through every step by hand
/// (for example relational: step 2 ATIONAL -> ATE gives relate, m(rel) = 1; step 5a removes the e, m(relat) = 2).
/// </summary>
public sealed class PorterStemmerTests
{
    [Theory]
    // Step 1a.
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    // Step 1b (and the tidy-up after -ed / -ing; then step 5a on agree: m(agre) = 1, not *o).
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    // Step 1c.
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    // Step 2 (then 4 / 5 where they apply).
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("valenci", "valenc")]
    [InlineData("digitizer", "digit")]
    [InlineData("generalization", "gener")]
    // Step 3.
    [InlineData("electrical", "electr")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    // Step 4.
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("irritant", "irrit")]
    [InlineData("replacement", "replac")]
    [InlineData("adjustment", "adjust")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    // Step 5.
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    public void Stem_PaperExample_GivesHandWorkedStem(string word, string expected)
    {
        // Act
        var stem = PorterStemmer.Stem(word);

        // Assert
        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("as")]
    [InlineData("is")]
    [InlineData("utf8")]
    [InlineData("café")]
    public void Stem_ShortOrNonAsciiWord_ReturnsItUnchanged(string word)
    {
        // Act
        var stem = PorterStemmer.Stem(word);

        // Assert
        Assert.Equal(word, stem);
    }
}
