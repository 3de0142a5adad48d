using System;
using System.Threading.Tasks;
using Agents.TestSupport;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Imaging;

namespace Plugins.Gui.Tests.Grounding.Vision;

/// <summary>The vision grounder under each coordinate convention, with a recording chat client and a hand-written resize.</summary>
public sealed class VisionGrounderCoordinatesTests
{
    private static GroundingRequest Request(int width, int height) =>
        new("click the Sign in button", PageObservation.FromImage(TestImages.Create(width, height)));

    [Fact]
    public async Task GroundAsync_Grid999Default_PromptKeepsTheGridSentenceAndExamples()
    {
        // Arrange
        var client = new RecordingChatClient("(500,250)");
        var grounder = new VisionGrounder(client, new VisionGrounderOptions { LongestSide = 640 });

        // Act
        var result = await grounder.GroundAsync(Request(1280, 800));

        // Assert
        var prompt = client.Prompt(0);
        Assert.StartsWith("You see a screenshot of a user interface, 640x400 pixels. Coordinates are integers on a 0-999 grid: x=0 is the left edge and x=999 the right edge; y=0 is the top edge and y=999 the bottom edge, whatever the image size.", prompt, StringComparison.Ordinal);
        Assert.Contains("for example (512,300) or [480,280,544,320].", prompt, StringComparison.Ordinal);
        Assert.Equal(640.64, result.Point!.Value.X, 6);
    }

    [Fact]
    public async Task GroundAsync_Relative1000_MapsXOver1000TimesWidth()
    {
        // Arrange: the model sees 640x400; (500,250) of 1000 is image (320,100), CSS (640,200).
        var client = new RecordingChatClient("(500,250)");
        var grounder = new VisionGrounder(client, new VisionGrounderOptions { LongestSide = 640, Coordinates = CoordinateConventions.Relative1000 });

        // Act
        var result = await grounder.GroundAsync(Request(1280, 800));

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(640, result.Point!.Value.X, 6);
        Assert.Equal(200, result.Point.Value.Y, 6);
        Assert.Contains("x=1000 the right edge", client.Prompt(0), StringComparison.Ordinal);
        Assert.DoesNotContain("0-999", client.Prompt(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_AbsoluteResized_MapsResizedPixelsAndPromptsInPixels()
    {
        // Arrange: the model resizes the 640x400 image to 700x420 and answers in those pixels: (350,210) is image
        // (320,200), CSS (640,400).
        var client = new RecordingChatClient("(350,210)");
        var coordinates = new ResizedPixelCoordinates((width, height) => (width + 60, height + 20));
        var grounder = new VisionGrounder(client, new VisionGrounderOptions { LongestSide = 640, Coordinates = coordinates });

        // Act
        var result = await grounder.GroundAsync(Request(1280, 800));

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(640, result.Point!.Value.X, 6);
        Assert.Equal(400, result.Point.Value.Y, 6);
        var prompt = client.Prompt(0);
        Assert.StartsWith("You see a screenshot of a user interface, 700x420 pixels. Coordinates are integer pixels of this image: x=0 is the left edge and x=700 the right edge; y=0 is the top edge and y=420 the bottom edge.", prompt, StringComparison.Ordinal);
        Assert.Contains("for example (358,126) or [336,118,381,134].", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("999", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_AbsoluteResizedBox_AnswersItsCentreInCss()
    {
        // Arrange: box [70,42,140,84] of 700x420 is image [64,40,128,80] of 640x400, CSS [128,80,256,160].
        var coordinates = new ResizedPixelCoordinates((width, height) => (width + 60, height + 20));
        var grounder = new VisionGrounder(new RecordingChatClient("[70,42,140,84]"), new VisionGrounderOptions { LongestSide = 640, Coordinates = coordinates });

        // Act
        var result = await grounder.GroundAsync(Request(1280, 800));

        // Assert
        Assert.Equal(192, result.Point!.Value.X, 6);
        Assert.Equal(120, result.Point.Value.Y, 6);
        Assert.Contains("in pixels of the 700x420 image", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_Query_CarriesTheFrame()
    {
        var grounder = new VisionGrounder(new RecordingChatClient("x"), new VisionGrounderOptions { LongestSide = 640, Coordinates = CoordinateConventions.Relative1000 });

        var query = Assert.Single(await grounder.ComposeAsync(Request(1280, 800)));

        Assert.Equal((640, 400), (query.Coordinates.ImageWidth, query.Coordinates.ImageHeight));
        Assert.Equal(1000, query.Coordinates.MaxX);
    }

    [Fact]
    public void Constructor_NullCoordinates_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new VisionGrounder(new RecordingChatClient("x"), new VisionGrounderOptions { Coordinates = null! }));
    }
}
