namespace Agents.Bench.Tests;

public sealed class BenchImagesTests
{
    [Fact]
    public void SideFor_FixedResolution_IsTheImageSize()
    {
        Assert.Equal(336, BenchImages.SideFor(TestManifests.Llava()));
    }

    [Theory]
    [InlineData(672L * 672, 672)]
    [InlineData((672L * 672) - 1, 644)]
    [InlineData(18816L, 112)]
    [InlineData(100L, 28)]
    public void SideFor_DynamicResolution_IsTheLargestMultipleOfTheFactorWhoseSquareFitsMaxPixels(long maxPixels, int expected)
    {
        Assert.Equal(expected, BenchImages.SideFor(TestManifests.Dynamic(maxPixels)));
    }
}
