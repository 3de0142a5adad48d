using System;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Parsing;

namespace Plugins.Gui.Tests.Grounding.Coordinates;

public sealed class CoordinateConventionTests
{
    // A hand-written stand-in for a model's resize: 640x400 becomes 700x420.
    private static readonly ResizedPixelCoordinates Resized = new((width, height) => (width + 60, height + 20));

    [Fact]
    public void Grid999_Frame_MapsValuesToCellCentres()
    {
        // Act
        var frame = CoordinateConventions.Grid999.FrameFor(1280, 800);

        // Assert
        Assert.Equal("grid-999", CoordinateConventions.Grid999.Name);
        Assert.Equal(640.64, frame.ToPixelX(500), 9);
        Assert.Equal(200.4, frame.ToPixelY(250), 9);
        Assert.Equal(GroundingAnswerParser.GridToPixel(999, 1280), frame.ToPixelX(999), 9);
        Assert.Equal(999, frame.MaxX);
        Assert.Equal(GroundingAnswerParser.PixelToGrid(640.64, 1280), frame.FromPixelX(640.64));
        Assert.Equal((1280, 800), (frame.SeenWidth, frame.SeenHeight));
        Assert.Equal("(512,300)", frame.ExamplePoint);
        Assert.Equal("[480,280,544,320]", frame.ExampleBox);
    }

    [Fact]
    public void Relative1000_Frame_MapsValuesToFractionsOfTheSize()
    {
        var frame = CoordinateConventions.Relative1000.FrameFor(640, 400);

        Assert.Equal("relative-1000", CoordinateConventions.Relative1000.Name);
        Assert.Equal(320, frame.ToPixelX(500), 9);
        Assert.Equal(640, frame.ToPixelX(1000), 9);
        Assert.Equal(100, frame.ToPixelY(250), 9);
        Assert.Equal(1000, frame.MaxY);
        Assert.Equal(500, frame.FromPixelX(320));
        Assert.Contains("x=1000 the right edge", frame.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsoluteResized_Frame_MapsResizedPixelsToTheImageSent()
    {
        // Act
        var frame = Resized.FrameFor(640, 400);

        // Assert: x * 640 / 700, y * 400 / 420.
        Assert.Equal("absolute-resized", Resized.Name);
        Assert.Equal(320, frame.ToPixelX(350), 9);
        Assert.Equal(200, frame.ToPixelY(210), 9);
        Assert.Equal((700, 420), (frame.SeenWidth, frame.SeenHeight));
        Assert.Equal((700, 420), (frame.MaxX, frame.MaxY));
        Assert.Equal(350, frame.FromPixelX(320));
        Assert.Equal("(358,126)", frame.ExamplePoint);
        Assert.Contains("pixels of this image: x=0 is the left edge and x=700 the right edge; y=0 is the top edge and y=420 the bottom edge", frame.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("999", frame.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsoluteResized_ResizeGivesNoSize_Throws()
    {
        var broken = new ResizedPixelCoordinates((_, _) => (0, 10));

        var e = Assert.Throws<InvalidOperationException>(() => broken.FrameFor(100, 100));

        Assert.Contains("0x10", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grid-999")]
    [InlineData("GRID-999")]
    [InlineData("relative-1000")]
    [InlineData("absolute-resized")]
    public void Create_KnownName_GivesThatConvention(string name)
    {
        var convention = CoordinateConventions.Create(name, (w, h) => (w, h));

        Assert.Equal(name, convention.Name, ignoreCase: true);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheNames()
    {
        var e = Assert.Throws<ArgumentException>(() => CoordinateConventions.Create("pixels"));

        Assert.Contains("'pixels'", e.Message, StringComparison.Ordinal);
        Assert.Contains("grid-999, relative-1000, absolute-resized", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AbsoluteResizedWithoutResize_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => CoordinateConventions.Create("absolute-resized"));

        Assert.Contains("resize", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Relative1000_AcceptsTheEdgeTheGridRefuses()
    {
        // Act
        var relative = GroundingAnswerParser.Parse("(1000,250)", CoordinateConventions.Relative1000.FrameFor(800, 600));
        var grid = GroundingAnswerParser.Parse("(1000,250)", 800, 600);

        // Assert
        Assert.Equal(GroundingAnswerKind.Point, relative.Kind);
        Assert.Equal(800, relative.X, 9);
        Assert.Equal(150, relative.Y, 9);
        Assert.Contains("on the 0-1000 scale", relative.Reason, StringComparison.Ordinal);
        Assert.Contains("outside the 0..999 grid", grid.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AbsoluteResizedBox_MapsCornersAndNamesTheRangeWhenOutside()
    {
        // Arrange
        var frame = Resized.FrameFor(640, 400);

        // Act
        var box = GroundingAnswerParser.Parse("[70,42,140,84]", frame);
        var outside = GroundingAnswerParser.Parse("(100,421)", frame);

        // Assert
        Assert.Equal(GroundingAnswerKind.Box, box.Kind);
        Assert.Equal((64, 40, 128, 80), (box.Box!.Value.Left, box.Box.Value.Top, box.Box.Value.Right, box.Box.Value.Bottom));
        Assert.Equal((96, 60), (box.X, box.Y));
        Assert.Contains("in pixels of the 700x420 image", box.Reason, StringComparison.Ordinal);
        Assert.False(outside.IsHit);
        Assert.Contains("outside 0..420, the height of the 700x420 image", outside.Reason, StringComparison.Ordinal);
    }
}
