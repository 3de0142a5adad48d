using System.Linq;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>Random and uniform baselines.</summary>
public class BaselineSelectorTests
{
    [Fact]
    public void Random_SameSeed_SameSubset()
    {
        var context = SelectionContexts.Random(24, 24, 4, 64);

        var a = new RandomSelector(42).Select(context).SourceIndices;
        var b = new RandomSelector(42).Select(context).SourceIndices;

        Assert.Equal(a, b);
    }

    [Fact]
    public void Random_DifferentSeedsOrImages_DifferentSubsets()
    {
        var context = SelectionContexts.Random(24, 24, 4, 64);
        var secondImage = SelectionContexts.Random(24, 24, 4, 64, imageIndex: 1);

        var a = new RandomSelector(42).Select(context).SourceIndices;
        var otherSeed = new RandomSelector(43).Select(context).SourceIndices;
        var otherImage = new RandomSelector(42).Select(secondImage).SourceIndices;

        Assert.NotEqual(a, otherSeed);
        Assert.NotEqual(a, otherImage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(575)]
    [InlineData(576)]
    public void Random_AnyBudget_DistinctSortedExactCount(int budget)
    {
        var result = new RandomSelector(7).Select(SelectionContexts.Random(24, 24, 4, budget)).SourceIndices;

        Assert.Equal(budget, result.Length);
        Assert.Equal(result.Distinct().OrderBy(i => i), result);
        Assert.All(result, i => Assert.InRange(i, 0, 575));
    }

    [Theory]
    [InlineData(4, new[] { 2, 6, 10, 14 })] // floor((2i+1)*16/8)
    [InlineData(5, new[] { 1, 4, 8, 11, 14 })] // floor((2i+1)*16/10): 1.6, 4.8, 8, 11.2, 14.4
    [InlineData(1, new[] { 8 })]
    [InlineData(16, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 })]
    public void Uniform_EvenlySpacedCentres(int budget, int[] expected)
    {
        var result = new UniformGridSelector().Select(SelectionContexts.WithFeatures(4, 4, 1, new float[16], budget));

        Assert.Equal(expected, result.SourceIndices);
    }

    [Fact]
    public void Uniform_24x24At144_EveryFourthToken()
    {
        // floor((2i+1)*576/288) = 4i + 2: six per grid row, columns 2, 6, ..., 22.
        var result = new UniformGridSelector().Select(SelectionContexts.Random(24, 24, 1, 144)).SourceIndices;

        Assert.Equal(Enumerable.Range(0, 144).Select(i => 4 * i + 2), result);
    }
}
