using System;
using LocalModel.Generation;
using LocalModel.Imaging;
using LocalModel.Packaging;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Coordinates;

namespace Plugins.Gui.Evaluation;

/// <summary>
/// The coordinate convention of a local model package, for the vision and hybrid grounders: the manifest's
/// <c>coordinates</c> (<see cref="ModelManifest.Coordinates"/>), with <c>absolute-resized</c> resizing as the package's
/// preprocessing does (<see cref="SmartResize.Compute"/> with <c>preprocessing.resize_factor</c>,
/// <c>min_pixels</c> and <c>max_pixels</c>). Thread-safe.
/// </summary>
public static class LocalModelCoordinates
{
    /// <summary>Gets the convention a package's manifest names.</summary>
    /// <param name="manifest">The manifest (validated: <c>absolute-resized</c> comes with <c>smart_resize</c> preprocessing).</param>
    /// <returns>The convention.</returns>
    /// <exception cref="ArgumentException">The manifest names an unknown convention, or <c>absolute-resized</c> without <c>smart_resize</c> preprocessing.</exception>
    public static ICoordinateConvention FromManifest(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var p = manifest.Preprocessing;
        if (string.Equals(manifest.Coordinates, ModelManifest.CoordinatesAbsoluteResized, StringComparison.Ordinal) && !p.IsDynamicResolution)
        {
            throw new ArgumentException($"The manifest's coordinates '{manifest.Coordinates}' need preprocessing.mode 'smart_resize', not '{p.Mode}'.", nameof(manifest));
        }

        return CoordinateConventions.Create(manifest.Coordinates, (width, height) =>
        {
            var (resizedHeight, resizedWidth) = SmartResize.Compute(height, width, p.ResizeFactor, p.MinPixels, p.MaxPixels);
            return (resizedWidth, resizedHeight);
        });
    }

    /// <summary>Gets the convention of the local model behind <paramref name="client"/> (its <see cref="VlmEngine"/>, through any middleware), or null for another model.</summary>
    /// <param name="client">The chat client.</param>
    /// <returns>The package's convention, or null when the client is not a local model.</returns>
    public static ICoordinateConvention? FromChatClient(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetService<VlmEngine>() is { } engine ? FromManifest(engine.Package.Manifest) : null;
    }
}
