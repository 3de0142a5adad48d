namespace Agents.Training.Tests;

public sealed class TrainingExportContextTests
{
    [Theory]
    [InlineData("heldout", true)]
    [InlineData("train", false)]
    [InlineData("HeldOut", false)]
    public void IsHeldOut_BySplitName_IsExactMatch(string split, bool expected)
    {
        var context = new TrainingExportContext { Split = split, Seed = 1, Count = 1, ScratchFolder = "." };

        Assert.Equal(expected, context.IsHeldOut);
    }
}
