using System;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class StrategyLogTests
{
    [Fact]
    public void Statistics_PredictionsOnly_DistributionAndEntropyWithoutPreferences()
    {
        // Arrange
        var log = new StrategyLog();
        log.Record("question");
        log.Record("question");
        log.Record("information");
        log.Record("others");

        // Act
        var stats = log.Statistics();

        // Assert: counts 2, 1, 1 -> H = 1.5 bits (by hand), normalised by log2(8) = 3 -> 0.5.
        Assert.Equal(4, stats.Total);
        Assert.Equal(8, stats.Distribution.Count);
        Assert.Equal(new StrategyCount("question", 2, 0.5), stats.Distribution[0]);
        Assert.Equal(new StrategyCount("information", 1, 0.25), stats.Distribution.Single(d => d.Strategy == "information"));
        Assert.Equal(0, stats.Distribution.Single(d => d.Strategy == "self_disclosure").Count);
        Assert.Equal(1.5, stats.EntropyBits!.Value, 12);
        Assert.Equal(0.5, stats.NormalizedEntropy!.Value, 12);
        Assert.Equal(0, stats.WithReference);
        Assert.Null(stats.Accuracy);
        Assert.Null(stats.Preferences);
        Assert.Null(stats.PreferenceBias);
        Assert.StartsWith("Predictions only", stats.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_Empty_NoFigures()
    {
        var stats = new StrategyLog().Statistics();

        Assert.Equal(0, stats.Total);
        Assert.Null(stats.EntropyBits);
        Assert.All(stats.Distribution, d => Assert.Equal(0.0, d.Proportion));
    }

    [Fact]
    public void Statistics_WithReferences_PreferencesAndBiasMatchReferenceScript()
    {
        // Arrange: the "three" confusion matrix of tests/fixtures/scripts/bradley_terry_preference_bias.py over question (A),
        // reflection_of_feelings (B) and affirmation_and_reassurance (C); rows predicted, columns reference.
        string[] names = ["question", "reflection_of_feelings", "affirmation_and_reassurance"];
        int[,] w = { { 5, 4, 3 }, { 1, 6, 3 }, { 2, 1, 4 } };
        var log = new StrategyLog();
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < w[i, j]; k++)
                {
                    log.Record(names[i], names[j]);
                }
            }
        }

        // Act
        var stats = log.Statistics();

        // Assert
        Assert.Equal(29, stats.Total);
        Assert.Equal(29, stats.WithReference);
        Assert.Equal(15 / 29.0, stats.Accuracy!.Value, 12);
        Assert.NotNull(stats.Preferences);
        Assert.Equal(names, stats.Preferences.Select(p => p.Strategy));
        Assert.Equal(1.765623398140, stats.Preferences[0].Preference, 9);
        Assert.Equal(0.887671201046, stats.Preferences[1].Preference, 9);
        Assert.Equal(0.638042773708, stats.Preferences[2].Preference, 9);
        Assert.Equal(0.483569192649, stats.PreferenceBias!.Value, 9);
        Assert.Contains("every figure available", stats.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_AllReferencesMatched_PreferencesUnavailableWithReason()
    {
        var log = new StrategyLog();
        log.Record("question", "question");
        log.Record("information", "information");

        var stats = log.Statistics();

        Assert.Equal(1.0, stats.Accuracy);
        Assert.Null(stats.Preferences);
        Assert.Contains("every prediction with a reference was correct", stats.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_OneWayMistakes_PreferencesUnavailableUnlessPseudoCount()
    {
        var log = new StrategyLog();
        var smoothed = new StrategyLog(preferencePseudoCount: 1);
        foreach (var l in new[] { log, smoothed })
        {
            l.Record("question", "information");
        }

        Assert.Null(log.Statistics().Preferences);
        Assert.Contains("not strongly connected", log.Statistics().Note, StringComparison.Ordinal);
        var stats = smoothed.Statistics();
        Assert.NotNull(stats.Preferences);
        Assert.Equal(8, stats.Preferences.Count);
    }

    [Fact]
    public void Record_UnknownStrategy_ThrowsListingNames()
    {
        var log = new StrategyLog();

        var error = Assert.Throws<ArgumentException>(() => log.Record("advice"));

        Assert.Contains("'advice'", error.Message, StringComparison.Ordinal);
        Assert.Contains("providing_suggestions", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => log.Record("question", "Question"));
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void Record_ConcurrentWriters_CountsEveryRecord()
    {
        var log = new StrategyLog();
        var names = log.Strategies.Names;

        Parallel.For(0, 8000, i => log.Record(names[i % 8], names[(i / 8) % 8]));

        var stats = log.Statistics();
        Assert.Equal(8000, stats.Total);
        Assert.All(stats.Distribution, d => Assert.Equal(1000, d.Count));
        Assert.Equal(3.0, stats.EntropyBits!.Value, 12);
        Assert.Equal(1.0, stats.NormalizedEntropy!.Value, 12);
    }

    [Fact]
    public void Clear_AfterRecords_Empty()
    {
        var log = new StrategyLog();
        log.Record("question", "others");

        log.Clear();

        Assert.Equal(0, log.Count);
        Assert.Equal(0, log.Statistics().WithReference);
    }
}
