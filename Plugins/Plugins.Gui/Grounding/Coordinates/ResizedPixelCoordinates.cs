using System;
using System.Globalization;

namespace Plugins.Gui.Grounding.Coordinates;

/// <summary>
/// <c>absolute-resized</c>: integer pixels of the image as the model's own preprocessing resizes it (Qwen2.5-VL's
/// grounding convention: its <c>smart_resize</c> size). A value <c>x</c> is <c>x * width / resizedWidth</c> pixels of
/// the image sent; the prompt gives the model the resized size. The resize is the caller's: for a local model package,
/// <c>LocalModel.Imaging.SmartResize.Compute</c> with the package's <c>preprocessing</c> factor and pixel bounds.
/// Thread-safe if <see cref="ResizedPixelCoordinates(Func{int, int, ValueTuple{int, int}})"/>'s function is.
/// </summary>
public sealed class ResizedPixelCoordinates : ICoordinateConvention
{
    private readonly Func<int, int, (int Width, int Height)> _resize;

    /// <summary>Creates the convention.</summary>
    /// <param name="resize">Maps the width and height of an image sent to the width and height the model resizes it to (both positive).</param>
    public ResizedPixelCoordinates(Func<int, int, (int Width, int Height)> resize)
    {
        ArgumentNullException.ThrowIfNull(resize);
        _resize = resize;
    }

    /// <inheritdoc />
    public string Name => CoordinateConventions.AbsoluteResizedName;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The resize function gave a size that is not positive.</exception>
    public CoordinateFrame FrameFor(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        var (width, height) = _resize(imageWidth, imageHeight);
        if (width <= 0 || height <= 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The resize function of the absolute-resized coordinates gave {width}x{height} for a {imageWidth}x{imageHeight} image; both sides must be positive."));
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        return new CoordinateFrame
        {
            ImageWidth = imageWidth,
            ImageHeight = imageHeight,
            SeenWidth = width,
            SeenHeight = height,
            UnitsX = width,
            UnitsY = height,
            MaxX = width,
            MaxY = height,
            CellCentres = false,
            Where = $"in pixels of the {size} image",
            RangeX = string.Create(CultureInfo.InvariantCulture, $"0..{width}, the width of the {size} image"),
            RangeY = string.Create(CultureInfo.InvariantCulture, $"0..{height}, the height of the {size} image"),
            Description = string.Create(CultureInfo.InvariantCulture, $"Coordinates are integer pixels of this image: x=0 is the left edge and x={width} the right edge; y=0 is the top edge and y={height} the bottom edge."),
            PointDescription = string.Create(CultureInfo.InvariantCulture, $"in pixels of the image (x=0 left edge, x={width} right edge, y=0 top edge, y={height} bottom edge)"),
        };
    }
}
