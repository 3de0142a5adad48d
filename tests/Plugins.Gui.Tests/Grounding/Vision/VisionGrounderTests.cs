using Agents.TestSupport;
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Imaging;
using SkiaSharp;

namespace Plugins.Gui.Tests.Grounding.Vision;

public sealed class VisionGrounderTests
{
    private static GroundingRequest Request(int width, int height, string instruction = "click the Sign in button") =>
        new(instruction, PageObservation.FromImage(TestImages.Create(width, height)));

    private static (int Width, int Height) SizeOf(DataContent image)
    {
        using var bitmap = SKBitmap.Decode(image.Data.ToArray());
        return (bitmap.Width, bitmap.Height);
    }

    [Fact]
    public async Task GroundAsync_PointOnResizedImage_MapsToTheCssPoint()
    {
        // Arrange
        var client = new RecordingChatClient("(500,250)");
        var grounder = new VisionGrounder(client, new VisionGrounderOptions { LongestSide = 640 });

        // Act
        var result = await grounder.GroundAsync(Request(1280, 800));

        // Assert: the model saw 640x400; grid (500,250) is image (320.32, 100.2), CSS (640.64, 200.4).
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(640.64, result.Point!.Value.X, 6);
        Assert.Equal(200.4, result.Point.Value.Y, 6);
        Assert.Equal((640, 400), SizeOf(client.Image(0)));
        Assert.Equal("image/png", client.Image(0).MediaType);
        Assert.Equal("(500,250)", result.RawAnswer);
        Assert.Equal("vision", grounder.Name);
    }

    [Fact]
    public async Task GroundAsync_Box_AnswersItsCentre()
    {
        // Arrange
        var grounder = new VisionGrounder(new RecordingChatClient("[100,100,200,200]"));

        // Act
        var result = await grounder.GroundAsync(Request(1000, 800));

        // Assert
        Assert.Equal(150.5, result.Point!.Value.X, 6);
        Assert.Equal(120.4, result.Point.Value.Y, 6);
    }

    [Theory]
    [InlineData("I am not sure.")]
    [InlineData("(1200,40)")]
    [InlineData("mark 3")]
    [InlineData("")]
    [InlineData("none")]
    public async Task GroundAsync_MalformedAnswer_Misses(string answer)
    {
        // Arrange
        var grounder = new VisionGrounder(new RecordingChatClient(answer));

        // Act
        var result = await grounder.GroundAsync(Request(1280, 800));

        // Assert
        Assert.False(result.IsHit);
        Assert.Equal(0, result.Confidence);
        Assert.Equal(answer, result.RawAnswer);
        Assert.Contains("unusable", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_CallerOptions_ClonedWithAdditionalPropertiesAndNotMutated()
    {
        // Arrange
        var client = new RecordingChatClient("(1,1)");
        var grounder = new VisionGrounder(client);
        var caller = new ChatOptions { AdditionalProperties = new() { ["pruning"] = "fastv", ["keep"] = 0.25 } };
        var request = Request(640, 480) with { ModelOptions = caller };

        // Act
        await grounder.GroundAsync(request);

        // Assert
        var sent = client.Calls[0].Options!;
        Assert.NotSame(caller, sent);
        Assert.Null(caller.Temperature);
        Assert.Null(caller.MaxOutputTokens);
        Assert.Equal(0f, sent.Temperature);
        Assert.Equal(32, sent.MaxOutputTokens);
        Assert.Equal("fastv", sent.AdditionalProperties!["pruning"]);
        Assert.Equal(0.25, sent.AdditionalProperties["keep"]);
        Assert.Equal(2, caller.AdditionalProperties.Count);
    }

    [Fact]
    public async Task GroundAsync_CallerTemperature_IsKept()
    {
        // Arrange
        var client = new RecordingChatClient("(1,1)");
        var request = Request(640, 480) with { ModelOptions = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 100 } };

        // Act
        await new VisionGrounder(client).GroundAsync(request);

        // Assert
        Assert.Equal(0.7f, client.Calls[0].Options!.Temperature);
        Assert.Equal(100, client.Calls[0].Options!.MaxOutputTokens);
    }

    [Fact]
    public async Task GroundAsync_Prompt_ComesFromTheTemplateWithTheInstruction()
    {
        // Arrange
        var client = new RecordingChatClient("(1,1)");

        // Act
        await new VisionGrounder(client).GroundAsync(Request(640, 480, "open the Settings menu"));

        // Assert
        var prompt = client.Prompt(0);
        Assert.Contains("open the Settings menu", prompt, StringComparison.Ordinal);
        Assert.Contains("0-999", prompt, StringComparison.Ordinal);
        Assert.Contains("640x480", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("{instruction}", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_TallScreen_AsksPerTileAndKeepsTheHit()
    {
        // Arrange: 400x1000 splits into (0,0)-(400,527) and (0,473)-(400,1000); the top tile answers none.
        var client = new RecordingChatClient("none", "(500,500)");
        var grounder = new VisionGrounder(client);

        // Act
        var result = await grounder.GroundAsync(Request(400, 1000));

        // Assert
        Assert.Equal(2, client.Calls.Count);
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(200.2, result.Point!.Value.X, 6);
        Assert.Equal(473 + (500.5 / 1000 * 527), result.Point.Value.Y, 6);
        Assert.Contains("tile 2 of 2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_TilesDisagree_Misses()
    {
        // Arrange
        var grounder = new VisionGrounder(new RecordingChatClient("(100,100)", "(900,900)"));

        // Act
        var result = await grounder.GroundAsync(Request(400, 1000));

        // Assert
        Assert.False(result.IsHit);
        Assert.Contains("disagree", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_ZoomPass_RefinesThePointInsideTheWindow()
    {
        // Arrange: first (500,500) on 1000x1000 is CSS (500.5,500.5); the 350x350 window around it starts at 325.5,
        // rounded outwards to whole pixels: (325,325) 351x351. Grid 0 in it is 0.5 / 1000 * 351 pixels in.
        var client = new RecordingChatClient("(500,500)", "(0,0)");
        var grounder = new VisionGrounder(client, new VisionGrounderOptions { ZoomPass = true, ZoomWindow = 0.35 });

        // Act
        var result = await grounder.GroundAsync(Request(1000, 1000));

        // Assert
        Assert.Equal(2, client.Calls.Count);
        Assert.Equal((351, 351), SizeOf(client.Image(1)));
        Assert.Equal(325 + (0.5 / 1000 * 351), result.Point!.Value.X, 6);
        Assert.Contains("zoomed pass", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_HalfAnExactSize_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => new VisionGrounder(new RecordingChatClient("x"), new VisionGrounderOptions { ExactWidth = 336 }));
    }
}
