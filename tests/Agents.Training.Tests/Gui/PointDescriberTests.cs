using System;
using System.Linq;
using Agents.Training.Gui;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Describe;
using Plugins.Gui.Seeing;

namespace Agents.Training.Tests.Gui;

public sealed class PointDescriberTests
{
    [Theory]
    [InlineData("button 'Sign in'", "button", "Sign in")]
    [InlineData("  Link 'Help'. ", "link", "Help")]
    [InlineData("checkbox", "checkbox", "")]
    [InlineData("textbox ''", "textbox", "")]
    public void Parse_WellFormed_ReadsRoleAndText(string answer, string role, string text)
    {
        // Act
        var parsed = PointDescriber.Parse(answer);

        // Assert
        Assert.Equal(new PointDescription(role, text), parsed);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    [InlineData("(512,300)")]
    [InlineData("button 'Sign in")]
    [InlineData("it is a button 'x'")]
    public void Parse_NoneOrMalformed_ReturnsNull(string answer)
    {
        // Act
        var parsed = PointDescriber.Parse(answer);

        // Assert
        Assert.Null(parsed);
    }

    [Fact]
    public void Format_QuoteAndSpaces_RoundTripsThroughParse()
    {
        // Act
        var text = PointDescriber.Format("Button", "Don't  \n save");

        // Assert
        Assert.Equal("button 'Don’t save'", text);
        Assert.Equal(new PointDescription("button", "Don’t save"), PointDescriber.Parse(text));
    }

    [Fact]
    public void Compose_Point_IsOnTheImageGridInThePrompt()
    {
        // Arrange: 1000x500 is not resized; (125,110) -> grid (125,220).
        var describer = new PointDescriber(new NoModelChatClient());

        // Act
        var query = describer.Compose(Screens.Blank(1000, 500), new CssPoint(125, 110));

        // Assert
        Assert.Equal((125, 220), (query.GridX, query.GridY));
        var message = Assert.Single(query.Messages);
        Assert.Contains("(125,220)", message.Text, StringComparison.Ordinal);
        Assert.Single(message.Contents.OfType<DataContent>());
    }
}
