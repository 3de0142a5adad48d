using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class CauseSpansTests
{
    [Fact]
    public void Enumerate_TwoWords_QuotesRunsWithInnerPunctuation()
    {
        var spans = CauseSpans.Enumerate("Lost my keys, again!", 2, 100);

        Assert.Equal(["Lost", "Lost my", "my", "my keys", "keys", "keys, again", "again"], spans);
    }

    [Fact]
    public void Enumerate_MoreThanMax_ReturnsNull()
    {
        Assert.Null(CauseSpans.Enumerate("Lost my keys, again!", 2, 6));
    }

    [Fact]
    public void Enumerate_NoWords_ReturnsNull()
    {
        Assert.Null(CauseSpans.Enumerate("!!! ...", 3, 10));
    }

    [Fact]
    public void Enumerate_RepeatedWords_ListedOnce()
    {
        Assert.Equal(["no"], CauseSpans.Enumerate("no no", 1, 10));
    }
}
