using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Tests.Grounding.Matching;

public sealed class LexicalSimilarityTests
{
    [Theory]
    [InlineData("Sign in", new[] { "sign", "in" })]
    [InlineData("signInButton", new[] { "sign", "in", "button" })]
    [InlineData("HTMLEditor v2", new[] { "html", "editor", "v2" })]
    [InlineData("Don't save", new[] { "dont", "save" })]
    [InlineData("e-mail_address", new[] { "e", "mail", "address" })]
    [InlineData("×", new[] { "x" })]
    [InlineData("⚙ Settings", new[] { "settings", "settings" })]
    [InlineData("Forgot password?", new[] { "forgot", "password" })]
    [InlineData("  ", new string[0])]
    public void Tokenize_UiText_SplitsOnNonLettersAndCamelCase(string text, string[] expected)
    {
        // Act
        var tokens = TextTokenizer.Tokenize(text);

        // Assert
        Assert.Equal(expected, tokens);
    }

    [Theory]
    [InlineData("settings", "setting")]
    [InlineData("deleted", "delete")]
    [InlineData("deleting", "delete")]
    [InlineData("messages", "message")]
    [InlineData("categories", "category")]
    [InlineData("running", "run")]
    [InlineData("shipping", "ship")]
    [InlineData("added", "add")]
    [InlineData("boxes", "box")]
    public void Stem_InflectedForms_AgreeWithTheBaseForm(string inflected, string baseForm)
    {
        // Act
        var a = LightStemmer.Stem(inflected);
        var b = LightStemmer.Stem(baseForm);

        // Assert
        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData("class", "class")]
    [InlineData("status", "status")]
    [InlineData("this", "this")]
    [InlineData("2nd", "2nd")]
    public void Stem_WordsWithoutSuffix_AreKept(string word, string expected)
    {
        // Act
        var stem = LightStemmer.Stem(word);

        // Assert
        Assert.Equal(expected, stem);
    }

    [Fact]
    public void Stem_DifferentWords_StayDifferent()
    {
        // Act / Assert
        Assert.NotEqual(LightStemmer.Stem("send"), LightStemmer.Stem("sent"));
        Assert.NotEqual(LightStemmer.Stem("sign"), LightStemmer.Stem("sing"));
    }

    [Theory]
    [InlineData("Sign in", "sign in", LexicalMatchKind.Exact)]
    [InlineData("login", "Log in", LexicalMatchKind.Exact)]
    [InlineData("sign in", "Log in", LexicalMatchKind.Synonym)]
    [InlineData("register", "Create account", LexicalMatchKind.Synonym)]
    [InlineData("settings", "Preferences", LexicalMatchKind.Synonym)]
    [InlineData("basket", "Cart", LexicalMatchKind.Synonym)]
    [InlineData("e-mail", "Email", LexicalMatchKind.Exact)]
    [InlineData("delete", "Remove", LexicalMatchKind.Synonym)]
    [InlineData("close", "×", LexicalMatchKind.Synonym)]
    [InlineData("throw it in the bin", "Delete", LexicalMatchKind.Synonym)]
    [InlineData("padlock", "Privacy", LexicalMatchKind.Synonym)]
    [InlineData("save it to my computer", "Download", LexicalMatchKind.Synonym)]
    public void Score_EquivalentTexts_ScoreAtLeastPointNine(string phrase, string text, LexicalMatchKind kind)
    {
        // Act
        var match = LexicalSimilarity.Score(phrase, text);

        // Assert
        Assert.True(match.Score >= 0.9, $"'{phrase}' vs '{text}': {match}");
        Assert.Equal(kind, match.Kind);
    }

    [Fact]
    public void Score_ExactBeatsPrefixBeatsOverlapBeatsUnrelated()
    {
        // Act
        var exact = LexicalSimilarity.Score("add to cart", "Add to cart").Score;
        var prefix = LexicalSimilarity.Score("add to cart", "Add to cart — Linen shirt").Score;
        var overlap = LexicalSimilarity.Score("add to cart", "Cart (2)").Score;
        var unrelated = LexicalSimilarity.Score("add to cart", "Privacy policy").Score;

        // Assert
        Assert.True(exact > prefix, $"{exact} > {prefix}");
        Assert.True(prefix > overlap, $"{prefix} > {overlap}");
        Assert.True(overlap > unrelated, $"{overlap} > {unrelated}");
        Assert.True(unrelated < 0.2, $"unrelated {unrelated}");
    }

    [Fact]
    public void Score_Misspelling_GetsPartialCreditBySpelling()
    {
        // Act
        var match = LexicalSimilarity.Score("pasword", "Password");

        // Assert
        Assert.Equal(LexicalMatchKind.Spelling, match.Kind);
        Assert.InRange(match.Score, 0.4, 0.8);
    }

    [Fact]
    public void Score_QuotedPhrase_RequiresTheWholePhrase()
    {
        // Act
        var contained = LexicalSimilarity.Score("Save draft", "Save draft and close", exactPhrase: true).Score;
        var reordered = LexicalSimilarity.Score("Save draft", "Draft save", exactPhrase: true).Score;

        // Assert
        Assert.True(contained >= 0.85, $"contained {contained}");
        Assert.True(reordered < 0.5, $"reordered {reordered}");
    }
}
