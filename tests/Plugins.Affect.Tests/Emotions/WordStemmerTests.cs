using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class WordStemmerTests
{
    [Theory]
    [InlineData("happiness", "happy")]
    [InlineData("worried", "worry")]
    [InlineData("cries", "cry")]
    [InlineData("crying", "cry")]
    [InlineData("loving", "lov")]
    [InlineData("love", "lov")]
    [InlineData("lovely", "lovely")]
    [InlineData("stunned", "stun")]
    [InlineData("thrilled", "thrill")]
    [InlineData("tears", "tear")]
    [InlineData("miss", "miss")]
    [InlineData("friend's", "friend")]
    [InlineData("excited", "excit")]
    [InlineData("excite", "excit")]
    [InlineData("sadness", "sadness")]
    [InlineData("sad", "sad")]
    public void Stem_Word_StripsSuffix(string word, string stem)
    {
        Assert.Equal(stem, WordStemmer.Stem(word));
    }
}
