using Plugins.Tools.Evaluation.Overlap;

namespace Plugins.Tools.Evaluation.Tests.Overlap;

/// <summary>The low-overlap measure on hand-worked examples.</summary>
public sealed class LexicalOverlapTests
{
    private static readonly (string Name, string Description) Forecast = ("weather_get_forecast", "Returns the weather forecast for a location for the coming days.");

    [Fact]
    public void ContentStems_NameWithCaseNumbersAndStopWords_KeepsStemmedContentWords()
    {
        // Act: camelCase splits, "2026" is a number and "a"/"for" are stop words; "forecasts" stems to "forecast".
        var stems = LexicalOverlap.ContentStems("getWeatherForecasts for a city 2026");

        // Assert
        Assert.Equal(["get", "weather", "forecast", "citi"], stems);
    }

    [Fact]
    public void Measure_UmbrellaParaphrase_SharesNothingAndIsLowOverlap()
    {
        // Act: need, umbrella, lisbon, tomorrow against weather, get, forecast, return, locat, come, dai.
        var result = LexicalOverlap.Measure("Will I need an umbrella in Lisbon tomorrow?", [Forecast]);

        // Assert
        Assert.Equal(["need", "umbrella", "lisbon", "tomorrow"], result.InstructionStems);
        Assert.Empty(result.SharedStems);
        Assert.Equal(0, result.Share);
        Assert.True(result.IsLowOverlap);
    }

    [Fact]
    public void Measure_DirectInstruction_SharesThreeOfFourStems()
    {
        // Act: get, weather, forecast are in the tool's name; lisbon is not.
        var result = LexicalOverlap.Measure("Get the weather forecast for Lisbon", [Forecast]);

        // Assert
        Assert.Equal(["get", "weather", "forecast"], result.SharedStems);
        Assert.Equal(0.75, result.Share, 10);
        Assert.False(result.IsLowOverlap);
    }

    [Fact]
    public void Measure_SeveralAcceptableTools_TakesTheBestOverlapping()
    {
        // Arrange: the second tool shares "need" and "umbrella" (2 > 1), so the query is not low-overlap.
        (string, string) advisor = ("UmbrellaAdvisor", "Tells you whether you need a coat.");

        // Act
        var result = LexicalOverlap.Measure("Will I need an umbrella in Lisbon tomorrow?", [Forecast, advisor]);

        // Assert
        Assert.Equal("UmbrellaAdvisor", result.BestTool);
        Assert.Equal(["need", "umbrella"], result.SharedStems);
        Assert.Equal(0.5, result.Share, 10);
        Assert.False(result.IsLowOverlap);
    }

    [Fact]
    public void Measure_OneSharedStem_IsStillLowOverlap()
    {
        // Act: only "weather" is shared.
        var result = LexicalOverlap.Measure("Is the weather nice for a picnic?", [Forecast]);

        // Assert
        Assert.Equal(["weather"], result.SharedStems);
        Assert.True(result.IsLowOverlap);
    }
}
