using System;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Packaging;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Evaluation.Tests;

/// <summary>A package manifest's <c>coordinates</c> turned into the grounders' convention, and the factory's choice of it.</summary>
public sealed class LocalModelCoordinatesTests
{
    private static ModelManifest Qwen(string coordinates = ModelManifest.CoordinatesAbsoluteResized) => new()
    {
        Coordinates = coordinates,
        Preprocessing = new PreprocessingManifest { Mode = "smart_resize", ResizeFactor = 28, MinPixels = 3136, MaxPixels = 12845056 },
    };

    [Fact]
    public void FromManifest_AbsoluteResized_ResizesWithSmartResize()
    {
        // Act: smart_resize(640, 1024, 28) rounds each side to a multiple of 28: 644 x 1036.
        var frame = LocalModelCoordinates.FromManifest(Qwen()).FrameFor(1024, 640);

        // Assert
        Assert.Equal((1036, 644), (frame.SeenWidth, frame.SeenHeight));
        Assert.Equal(512, frame.ToPixelX(518), 9);
        Assert.Equal(320, frame.ToPixelY(322), 9);
    }

    [Fact]
    public void FromManifest_AbsoluteResizedAboveMaxPixels_ScalesDown()
    {
        // Arrange: at most 200704 pixels (256 tokens of 28x28): 1024x640 becomes 560x336 (floor to multiples of 28).
        var manifest = Qwen();
        manifest.Preprocessing.MaxPixels = 200704;

        // Act
        var frame = LocalModelCoordinates.FromManifest(manifest).FrameFor(1024, 640);

        // Assert
        Assert.Equal((560, 336), (frame.SeenWidth, frame.SeenHeight));
        Assert.Equal(1024, frame.ToPixelX(560), 9);
    }

    [Theory]
    [InlineData("grid-999")]
    [InlineData("relative-1000")]
    public void FromManifest_ScaleConventions_AreTheShared(string coordinates)
    {
        var convention = LocalModelCoordinates.FromManifest(new ModelManifest { Coordinates = coordinates });

        Assert.Same(CoordinateConventions.Create(coordinates), convention);
    }

    [Fact]
    public void FromManifest_AbsoluteResizedWithoutSmartResize_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => LocalModelCoordinates.FromManifest(new ModelManifest { Coordinates = ModelManifest.CoordinatesAbsoluteResized }));

        Assert.Contains("smart_resize", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromChatClient_NotALocalModel_IsNull()
    {
        Assert.Null(LocalModelCoordinates.FromChatClient(new RecordingChatClient("x")));
    }

    [Fact]
    public async Task GrounderFactory_CoordinatesGiven_VisionGrounderUsesThem()
    {
        // Arrange: relative-1000 on a 640x400 screen: (500,250) is (320,100).
        var client = new RecordingChatClient("(500,250)");
        var grounder = GrounderFactory.Create("vision", new GrounderServices { ChatClient = client, Coordinates = LocalModelCoordinates.FromManifest(Qwen(ModelManifest.CoordinatesRelative1000)) });

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the button", PageObservation.FromImage(TestImages(640, 400))));

        // Assert
        Assert.Equal(320, result.Point!.Value.X, 6);
        Assert.Equal(100, result.Point.Value.Y, 6);
    }

    [Fact]
    public async Task GrounderFactory_NoCoordinatesAndNoLocalModel_UsesTheGrid()
    {
        var client = new RecordingChatClient("(500,250)");
        var grounder = GrounderFactory.Create("vision", new GrounderServices { ChatClient = client });

        var result = await grounder.GroundAsync(new GroundingRequest("the button", PageObservation.FromImage(TestImages(640, 400))));

        Assert.Equal(320.32, result.Point!.Value.X, 6);
        Assert.Contains("0-999", client.Prompt(0), StringComparison.Ordinal);
    }

    private static PageScreenshot TestImages(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new PageScreenshot(data.ToArray(), width, height);
    }
}
