using System;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class StrategyMetricsTests
{
    [Fact]
    public void EntropyBits_UniformOverEight_IsThreeBits()
    {
        Assert.Equal(3.0, StrategyMetrics.EntropyBits([4, 4, 4, 4, 4, 4, 4, 4]), 12);
    }

    [Fact]
    public void EntropyBits_OneStrategy_IsZero()
    {
        Assert.Equal(0.0, StrategyMetrics.EntropyBits([0, 9, 0, 0, 0, 0, 0, 0]), 12);
    }

    [Theory]
    [InlineData(new[] { 2, 1, 1 }, 1.5)] // by hand: 1/2 * 1 + 2 * 1/4 * 2
    [InlineData(new[] { 5, 3, 1, 1 }, 1.685475297227)] // tests/fixtures/scripts/bradley_terry_preference_bias.py
    [InlineData(new[] { 0, 0 }, 0.0)]
    public void EntropyBits_HandDistributions_MatchReference(int[] counts, double expected)
    {
        Assert.Equal(expected, StrategyMetrics.EntropyBits(counts), 12);
    }

    [Fact]
    public void BradleyTerryPreferences_TwoStrategiesThreeToOne_PreferenceRatioThree()
    {
        // By hand: the maximum-likelihood P(A beats B) = 3/4 = p_A / (p_A + p_B), so p_A / p_B = 3; geometric mean 1 gives
        // p_A = sqrt(3), p_B = 1/sqrt(3); the population SD of two values is half their gap: (sqrt(3) - 1/sqrt(3)) / 2 = 1/sqrt(3).
        var p = StrategyMetrics.BradleyTerryPreferences(new double[,] { { 7, 3 }, { 1, 2 } });

        Assert.NotNull(p);
        Assert.Equal(Math.Sqrt(3), p[0], 9);
        Assert.Equal(1 / Math.Sqrt(3), p[1], 9);
        Assert.Equal(1 / Math.Sqrt(3), StrategyMetrics.PreferenceBias(p), 9);
    }

    [Fact]
    public void BradleyTerryPreferences_ThreeStrategies_MatchReferenceScript()
    {
        // python3 tests/fixtures/scripts/bradley_terry_preference_bias.py (Zermelo/MM iteration, an independent algorithm):
        // three preferences 1.765623398140, 0.887671201046, 0.638042773708 bias 0.483569192649
        var p = StrategyMetrics.BradleyTerryPreferences(new double[,] { { 5, 4, 3 }, { 1, 6, 3 }, { 2, 1, 4 } });

        Assert.NotNull(p);
        Assert.Equal(1.765623398140, p[0], 9);
        Assert.Equal(0.887671201046, p[1], 9);
        Assert.Equal(0.638042773708, p[2], 9);
        Assert.Equal(0.483569192649, StrategyMetrics.PreferenceBias(p), 9);
    }

    [Fact]
    public void BradleyTerryPreferences_FourStrategies_MatchReferenceScript()
    {
        // four preferences 2.355649422819, 0.550932679985, 0.991884813903, 0.776836399978 bias 0.702727902842
        var p = StrategyMetrics.BradleyTerryPreferences(new double[,] { { 3, 6, 2, 5 }, { 1, 2, 1, 2 }, { 2, 3, 4, 1 }, { 1, 1, 3, 2 } });

        Assert.NotNull(p);
        Assert.Equal([2.355649422819, 0.550932679985, 0.991884813903, 0.776836399978], p, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(0.702727902842, StrategyMetrics.PreferenceBias(p), 9);
    }

    [Fact]
    public void BradleyTerryPreferences_NotStronglyConnected_ReturnsNull()
    {
        // B is never predicted in place of A: B never wins, so the maximum-likelihood p_B is 0 and does not exist.
        Assert.Null(StrategyMetrics.BradleyTerryPreferences(new double[,] { { 4, 3 }, { 0, 5 } }));
    }

    [Fact]
    public void BradleyTerryPreferences_PseudoCount_MakesTheFitExist()
    {
        // By hand: with one added to each off-diagonal entry, A beat B 4 times and B beat A once: ratio 4, so p = (2, 1/2).
        var p = StrategyMetrics.BradleyTerryPreferences(new double[,] { { 4, 3 }, { 0, 5 } }, pseudoCount: 1);

        Assert.NotNull(p);
        Assert.Equal(2.0, p[0], 9);
        Assert.Equal(0.5, p[1], 9);
        Assert.Equal(0.75, StrategyMetrics.PreferenceBias(p), 9);
    }

    [Fact]
    public void BradleyTerryPreferences_NotSquare_Throws()
    {
        Assert.Throws<ArgumentException>(() => StrategyMetrics.BradleyTerryPreferences(new double[2, 3]));
    }

    [Fact]
    public void PreferenceBias_EqualPreferences_IsZero()
    {
        Assert.Equal(0.0, StrategyMetrics.PreferenceBias([1.0, 1.0, 1.0]), 12);
    }
}
