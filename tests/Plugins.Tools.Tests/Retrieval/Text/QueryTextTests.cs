using Plugins.Tools.Retrieval.Text;

namespace Plugins.Tools.Tests.Retrieval.Text;

/// <summary>Slot values replaced by typed words, and clause splitting, on sentences worked through by hand.</summary>
public sealed class QueryTextTests
{
    [Theory]
    [InlineData("Delete contract_v3.pdf.", "Delete a file.")]
    [InlineData("Shrink portrait.jpg to 800 wide", "Shrink a photo to a number wide")]
    [InlineData("Merge feature/checkout into main", "Merge a branch into main")]
    [InlineData("Open /var/log/app.log", "Open a file")]
    [InlineData("Is TP 1353 on time?", "Is a flight on time?")]
    [InlineData("Wake me at 6:30 pm or 7 am", "Wake me at a time or a time")]
    [InlineData("Send $1,000 to Ana", "Send an amount to Ana")]
    [InlineData("Convert 3,500 yen", "Convert a number yen")]
    [InlineData("Mail ana@example.org the link https://example.org/a?b=1", "Mail an email address the link a link")]
    [InlineData("Will I need an umbrella in Lisbon tomorrow?", "Will I need an umbrella in Lisbon tomorrow?")]
    public void Normalize_SlotValues_BecomeTypedWords(string text, string expected)
    {
        // Act
        var normalized = QueryText.Normalize(text);

        // Assert
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Clauses_SemicolonAndCommaConjunction_SplitIntoClauses()
    {
        // Act
        var clauses = QueryText.Clauses("Found this on my hike; what's it called, and is it safe to touch?");

        // Assert
        Assert.Equal(["Found this on my hike", "what's it called", "and is it safe to touch"], clauses);
    }

    [Fact]
    public void Clauses_ButAndSentenceEnd_SplitButDropOneWordParts()
    {
        // Act
        var clauses = QueryText.Clauses("Write the note but hold it. Thanks!");

        // Assert: "Thanks" has one word and is dropped.
        Assert.Equal(["Write the note", "but hold it"], clauses);
    }

    [Theory]
    [InlineData("Get the weather forecast for Lisbon")]
    [InlineData("Remind me at 6:30 pm")]
    [InlineData("Hi; go")]
    public void Clauses_OneClause_ReturnsNone(string text)
    {
        // Act
        var clauses = QueryText.Clauses(text);

        // Assert
        Assert.Empty(clauses);
    }
}
