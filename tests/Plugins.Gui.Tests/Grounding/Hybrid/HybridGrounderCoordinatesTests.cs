using System;
using System.Threading.Tasks;
using Agents.TestSupport;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Imaging;

namespace Plugins.Gui.Tests.Grounding.Hybrid;

public sealed class HybridGrounderCoordinatesTests
{
    private static readonly GuiCandidate[] Candidates =
    [
        new() { Id = 1, Source = CandidateSource.Dom, Role = "form", Name = "Login", Box = new CssRect(0, 0, 400, 300) },
        new() { Id = 2, Source = CandidateSource.Dom, Role = "button", Name = "Sign in", Box = new CssRect(180, 140, 40, 20), IsInteractive = true },
    ];

    private static GroundingRequest Request() =>
        new("the Sign in button", PageObservation.FromImage(TestImages.Create(400, 300)) with { Candidates = Candidates });

    [Fact]
    public async Task GroundAsync_Relative1000Point_MapsAndSnaps()
    {
        // Arrange: (505,500) of 1000 on the 400x300 image is (202,150), inside the button.
        var client = new RecordingChatClient("(505,500)");
        var grounder = new HybridGrounder(client, options: new HybridGrounderOptions { Coordinates = CoordinateConventions.Relative1000 });

        // Act
        var result = await grounder.GroundAsync(Request());

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(2, result.Candidate!.Id);
        Assert.Contains("answer a point (x,y) from 0 to 1000 relative to the image (x=0 left edge, x=1000 right edge", client.Prompt(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_AbsoluteResizedPoint_PromptGivesTheResizedSize()
    {
        // Arrange: the model sees 400x300 as 800x600; (404,300) there is (202,150).
        var client = new RecordingChatClient("(404,300)");
        var coordinates = new ResizedPixelCoordinates((width, height) => (width * 2, height * 2));
        var grounder = new HybridGrounder(client, options: new HybridGrounderOptions { Coordinates = coordinates });

        // Act
        var result = await grounder.GroundAsync(Request());

        // Assert
        Assert.Equal(2, result.Candidate!.Id);
        var prompt = client.Prompt(0);
        Assert.StartsWith("You see a screenshot of a user interface, 800x600 pixels, with numbered marks", prompt, StringComparison.Ordinal);
        Assert.Contains("in pixels of the image (x=0 left edge, x=800 right edge, y=0 top edge, y=600 bottom edge)", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("999", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_DefaultGrid_PromptKeepsTheGridSentence()
    {
        var client = new RecordingChatClient("mark 2");

        await new HybridGrounder(client).GroundAsync(Request());

        Assert.Contains("answer a point (x,y) on a 0-999 grid (x=0 left edge, x=999 right edge, y=0 top edge, y=999 bottom edge).", client.Prompt(0), StringComparison.Ordinal);
    }
}
