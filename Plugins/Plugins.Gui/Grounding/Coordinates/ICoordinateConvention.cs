namespace Plugins.Gui.Grounding.Coordinates;

/// <summary>
/// How a vision model writes image coordinates (its grounding convention, a model package's <c>coordinates</c>):
/// gives, for each image sent, the <see cref="CoordinateFrame"/> that maps the model's numbers to pixels of that image
/// and describes them in prompts. Built-ins: <see cref="CoordinateConventions.Grid999"/> (the default),
/// <see cref="CoordinateConventions.Relative1000"/> and <see cref="ResizedPixelCoordinates"/> (<c>absolute-resized</c>).
/// Implementations are stateless and thread-safe.
/// </summary>
public interface ICoordinateConvention
{
    /// <summary>Gets the convention's name (a model package's <c>coordinates</c> value, e.g. <c>grid-999</c>).</summary>
    string Name { get; }

    /// <summary>Gets the coordinate frame of an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/> pixels, as sent to the model.</summary>
    /// <param name="imageWidth">The width of the image sent, in pixels; positive.</param>
    /// <param name="imageHeight">The height of the image sent, in pixels; positive.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">A size is not positive.</exception>
    CoordinateFrame FrameFor(int imageWidth, int imageHeight);
}
