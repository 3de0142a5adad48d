using System;
using Plugins.Gui.Grounding.Parsing;

namespace Plugins.Gui.Tests.Grounding.Parsing;

public sealed class GroundingAnswerParserTests
{
    private static readonly int[] Marks = [1, 2, 3, 12];

    [Theory]
    [InlineData("(500,250)")]
    [InlineData("(500, 250)")]
    [InlineData("( 500 , 250 )")]
    [InlineData("The Sign in button is at (500, 250).")]
    [InlineData("(500,250), repeated: (500,250)")]
    [InlineData("+500 is not it: (+500,+250)")]
    public void Parse_Point_MapsGridToCellCentre(string text)
    {
        // Act
        var answer = GroundingAnswerParser.Parse(text, 1000, 2000);

        // Assert
        Assert.Equal(GroundingAnswerKind.Point, answer.Kind);
        Assert.Equal(500.5, answer.X, 9);
        Assert.Equal(501, answer.Y, 9);
        Assert.Null(answer.MarkId);
    }

    [Theory]
    [InlineData("[100,100,200,300]")]
    [InlineData("[100, 100, 200, 300]")]
    [InlineData("box: [ 100 ,100, 200 ,300 ]")]
    [InlineData("(100,100),(200,300)")]
    [InlineData("<|box_start|>(100,100),(200,300)<|box_end|>")]
    [InlineData("(100, 100) (200, 300)")]
    public void Parse_Box_CentreIsThePoint(string text)
    {
        // Act
        var answer = GroundingAnswerParser.Parse(text, 1000, 1000);

        // Assert
        Assert.Equal(GroundingAnswerKind.Box, answer.Kind);
        Assert.Equal(150.5, answer.X, 9);
        Assert.Equal(200.5, answer.Y, 9);
        Assert.Equal((100.5, 100.5, 200.5, 300.5), answer.Box);
    }

    [Fact]
    public void Parse_GridEdges_StayInsideTheImage()
    {
        // Act
        var low = GroundingAnswerParser.Parse("(0,0)", 1280, 800);
        var high = GroundingAnswerParser.Parse("(999,999)", 1280, 800);

        // Assert
        Assert.Equal(0.64, low.X, 9);
        Assert.Equal(0.4, low.Y, 9);
        Assert.Equal(1279.36, high.X, 9);
        Assert.Equal(799.6, high.Y, 9);
    }

    [Fact]
    public void Parse_DegenerateBox_IsItsPoint()
    {
        // Act
        var answer = GroundingAnswerParser.Parse("[10,20,10,20]", 1000, 1000);

        // Assert
        Assert.Equal(GroundingAnswerKind.Box, answer.Kind);
        Assert.Equal(10.5, answer.X, 9);
    }

    [Theory]
    [InlineData("mark 12", 12)]
    [InlineData("Mark 3", 3)]
    [InlineData("MARK: 2", 2)]
    [InlineData("mark #1", 1)]
    [InlineData("mark id 12", 12)]
    [InlineData("[12]", 12)]
    [InlineData("[ 3 ]", 3)]
    [InlineData("#12", 12)]
    [InlineData("The answer is #3.", 3)]
    [InlineData("12", 12)]
    [InlineData(" 3. ", 3)]
    [InlineData("mark 3 (mark 3)", 3)]
    public void Parse_OfferedMark_ReturnsTheId(string text, int id)
    {
        // Act
        var answer = GroundingAnswerParser.Parse(text, 800, 600, Marks);

        // Assert
        Assert.Equal(GroundingAnswerKind.Mark, answer.Kind);
        Assert.Equal(id, answer.MarkId);
    }

    [Theory]
    [InlineData("mark 7", "not offered")]
    [InlineData("[99]", "not offered")]
    [InlineData("0", "not offered")]
    [InlineData("mark 2.5", "not an integer")]
    [InlineData("mark 3 or mark 12", "2 different answers")]
    [InlineData("mark 3 at (500,250)", "2 different answers")]
    public void Parse_BadMark_Misses(string text, string reason)
    {
        // Act
        var answer = GroundingAnswerParser.Parse(text, 800, 600, Marks);

        // Assert
        Assert.Equal(GroundingAnswerKind.Miss, answer.Kind);
        Assert.Contains(reason, answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mark 3", "no marks were offered")]
    [InlineData("[3]", "no marks were offered")]
    [InlineData("#3", "no marks were offered")]
    [InlineData("3", "bare number")]
    public void Parse_MarkWithoutOfferedMarks_Misses(string text, string reason)
    {
        // Act
        var answer = GroundingAnswerParser.Parse(text, 800, 600);
        var emptyOffer = GroundingAnswerParser.Parse(text, 800, 600, []);

        // Assert
        Assert.False(answer.IsHit);
        Assert.Contains(reason, answer.Reason, StringComparison.Ordinal);
        Assert.False(emptyOffer.IsHit);
    }

    [Theory]
    [InlineData("(1000,250)", "outside the 0..999 grid")]
    [InlineData("(500,-1)", "outside the 0..999 grid")]
    [InlineData("[0,0,1200,500]", "outside the 0..999 grid")]
    [InlineData("(500.5,250)", "not an integer")]
    [InlineData("[0.1,0.2,0.3,0.4]", "not an integer")]
    [InlineData("[300,100,200,200]", "inverted")]
    [InlineData("[100,300,200,200]", "inverted")]
    [InlineData("(200,200),(100,100)", "inverted")]
    [InlineData("(100,100) or (900,900)", "2 different answers")]
    [InlineData("[1,2,3,4] (5,6)", "2 different answers")]
    [InlineData("[500,250]", "two-number list")]
    [InlineData("none", "not in the image")]
    [InlineData("None.", "not in the image")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("I think it is the blue one on the left", "No point")]
    [InlineData("(x,y)", "No point")]
    [InlineData("(500,250", "No point")]
    [InlineData("[1,2,3]", "No point")]
    [InlineData("x=500, y=250", "No point")]
    [InlineData("500 250", "No point")]
    public void Parse_Malformed_MissesWithTheReason(string text, string reason)
    {
        // Act
        var answer = GroundingAnswerParser.Parse(text, 1000, 1000);

        // Assert
        Assert.Equal(GroundingAnswerKind.Miss, answer.Kind);
        Assert.False(answer.IsHit);
        Assert.Contains(reason, answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_Misses()
    {
        // Act
        var answer = GroundingAnswerParser.Parse(null, 10, 10);

        // Assert
        Assert.False(answer.IsHit);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-1, 10)]
    public void Parse_NonPositiveSize_Throws(int width, int height)
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => GroundingAnswerParser.Parse("(1,1)", width, height));
    }

    [Theory]
    [InlineData(0, 1280, 0)]
    [InlineData(640, 1280, 500)]
    [InlineData(1279.9, 1280, 999)]
    [InlineData(1280, 1280, 999)]
    public void PixelToGrid_RoundTripsThroughGridToPixel(double pixel, int size, int grid)
    {
        // Act
        var value = GroundingAnswerParser.PixelToGrid(pixel, size);

        // Assert
        Assert.Equal(grid, value);
        Assert.InRange(GroundingAnswerParser.GridToPixel(value, size), 0, size);
    }
}
