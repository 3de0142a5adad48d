using LocalModel.Embeddings;

namespace LocalModel.Tests.Embeddings;

public sealed class BertBasicTokenizerTests
{
    [Theory]
    [InlineData("a=b<c+$5", "a = b < c + $ 5")]
    [InlineData("tab\tseparated\nline\r\nend", "tab separated line end")]
    [InlineData("Café NAÏVE Ça", "cafe naive ca")]
    [InlineData("東京は", "東 京 は")]
    [InlineData("“quoted”…", "“ quoted ” …")]
    [InlineData("20€ 🎉", "20€ 🎉")]
    [InlineData("zero\u200Bwidth\u0000nul\u0007bell", "zerowidthnulbell")]
    public void Split_Text_MatchesHuggingFaceBertNormalizerAndPreTokenizer(string text, string expected)
    {
        // Act
        var words = BertBasicTokenizer.Split(text).Split(' ', System.StringSplitOptions.RemoveEmptyEntries);

        // Assert
        Assert.Equal(expected.Split(' '), words);
    }
}
