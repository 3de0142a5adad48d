using LocalModel.Generation;

namespace LocalModel.Tests.Generation;

public class StopSequenceMatcherTests
{
    [Fact]
    public void Append_StopSplitAcrossChunks_StopsAndHidesStop()
    {
        var m = new StopSequenceMatcher(new[] { "</end>" });

        var a = m.Append("hello </", out var s1);
        var b = m.Append("en", out var s2);
        var c = m.Append("d> tail", out var s3);

        Assert.Equal("hello ", a);
        Assert.False(s1);
        Assert.Equal(string.Empty, b);
        Assert.False(s2);
        Assert.Equal(string.Empty, c);
        Assert.True(s3);
    }

    [Fact]
    public void Append_PrefixThatDoesNotComplete_ReleasesHeldText()
    {
        var m = new StopSequenceMatcher(new[] { "STOP" });

        var a = m.Append("ST", out _);
        var b = m.Append("AY", out var stopped);

        Assert.Equal(string.Empty, a);
        Assert.Equal("STAY", b);
        Assert.False(stopped);
    }

    [Fact]
    public void Append_TwoStops_EarliestWins()
    {
        var m = new StopSequenceMatcher(new[] { "bb", "a" });

        var text = m.Append("xxbbya", out var stopped);

        Assert.True(stopped);
        Assert.Equal("xx", text);
    }

    [Fact]
    public void Flush_HeldPrefix_ReturnsIt()
    {
        var m = new StopSequenceMatcher(new[] { "###" });

        var a = m.Append("done#", out _);

        Assert.Equal("done", a);
        Assert.Equal("#", m.Flush());
    }
}
