using Plugins.Tools.Retrieval.Lexical;

namespace Plugins.Tools.Tests.Retrieval.Lexical;

public sealed class ToolTextTokenizerTests
{
    [Theory]
    [InlineData("get_weather_forecast", "get weather forecast")]
    [InlineData("getWeatherForecast", "get weather forecast")]
    [InlineData("WeatherPlugin-get_forecast", "weather plugin get forecast")]
    [InlineData("HTTPServer.start now", "http server start now")]
    [InlineData("convertToUtf8v2", "convert to utf 8 v 2")]
    [InlineData("  --  ", "")]
    public void SplitWords_ToolName_SplitsOnSeparatorsCaseAndDigits(string text, string expected)
    {
        // Act
        var words = ToolTextTokenizer.SplitWords(text);

        // Assert
        Assert.Equal(expected, string.Join(' ', words));
    }

    [Fact]
    public void Tokenize_Instruction_DropsStopWordsAndStems()
    {
        // Act
        var terms = ToolTextTokenizer.Tokenize("Will it be raining in the cities tomorrow?");

        // Assert: will, it, be, in, the are stop words; raining -> rain, cities -> citi.
        Assert.Equal(["rain", "citi", "tomorrow"], terms);
    }

    [Fact]
    public void Tokenize_ToolName_StemsEachPart()
    {
        // Act
        var terms = ToolTextTokenizer.Tokenize("sendEmailMessages");

        // Assert: messages -> message (1a) -> messag (5a, m = 2).
        Assert.Equal(["send", "email", "messag"], terms);
    }
}
