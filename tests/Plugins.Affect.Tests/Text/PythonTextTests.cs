using Plugins.Affect.Text;

namespace Plugins.Affect.Tests.Text;

/// <summary>The Python string semantics the tokenizer reproduces (expected values from the Python 3.11 documentation and Unicode properties).</summary>
public class PythonTextTests
{
    [Theory]
    [InlineData("GOOD", true)]
    [InlineData("A1!", true)] // uncased characters do not count
    [InlineData("123", false)] // no cased character at all
    [InlineData("I", true)]
    [InlineData("GooD", false)]
    [InlineData("Ⅻ", true)] // Roman numeral twelve: Other_Uppercase, category Nl
    [InlineData("ⓐB", false)] // circled a: Other_Lowercase, category So
    [InlineData("ǅ", false)] // title case counts as not upper
    [InlineData("ÉTÉ", true)]
    public void IsUpper_Text_MatchesPythonIsUpper(string text, bool expected)
    {
        // Act + Assert
        Assert.Equal(expected, PythonText.IsUpper(text));
    }

    [Theory]
    [InlineData('\u001C', true)] // file separator: whitespace to str.split()
    [InlineData('\u00A0', true)]
    [InlineData('\u3000', true)]
    [InlineData('\u200B', false)] // zero-width space is not
    [InlineData('x', false)]
    public void IsSpace_Character_MatchesPythonIsSpace(char c, bool expected)
    {
        // Act + Assert
        Assert.Equal(expected, PythonText.IsSpace(c));
    }

    [Theory]
    [InlineData("!!good!!", "good")]
    [InlineData(":)", "")]
    [InlineData("don't", "don't")]
    [InlineData("«good»", "«good»")] // only ASCII punctuation
    public void StripPunctuation_Token_StripsAsciiPunctuationAtBothEnds(string token, string expected)
    {
        // Act + Assert
        Assert.Equal(expected, PythonText.StripPunctuation(token));
    }

    [Fact]
    public void CodePointCount_SurrogatePair_CountsOnce()
    {
        // Act + Assert
        Assert.Equal(2, PythonText.CodePointCount("\U0001F600a"));
    }

    [Fact]
    public void ToLower_DottedCapitalI_UsesFullCaseMapping()
    {
        // Act + Assert: Python's "İ".lower() is "i" + U+0307 COMBINING DOT ABOVE.
        Assert.Equal("i\u0307stanbul", PythonText.ToLower("İSTANBUL"));
    }
}
