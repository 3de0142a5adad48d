using System;
using System.IO;
using LocalModel.Generation;
using LocalModel.Packaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Agents.Bench;

/// <summary>Deterministic images for benchmarks when the user gives none.</summary>
public static class BenchImages
{
    /// <summary>A gradient with structure in both directions, PNG-encoded.</summary>
    /// <param name="size">The width and height in pixels.</param>
    public static ImageInput Synthetic(int size)
    {
        using var img = new Image<Rgb24>(size, size);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                img[x, y] = new Rgb24((byte)(x * 255 / size), (byte)(y * 255 / size), (byte)(((x / 16) + (y / 16)) % 2 * 200));
            }
        }

        using var ms = new MemoryStream();
        img.SaveAsPng(ms);
        return ImageInput.FromBytes(ms.ToArray(), "synthetic.png");
    }

    /// <summary>Returns <see cref="Synthetic"/> at <see cref="SideFor"/> of the package.</summary>
    public static ImageInput For(ModelManifest manifest) => Synthetic(SideFor(manifest));

    /// <summary>
    /// Returns the side of the square benchmark image for a package: its fixed input size (<c>vision.image_size</c>), or,
    /// for dynamic-resolution packages (<c>smart_resize</c>, image size 0), the largest multiple of the resize factor
    /// whose square fits <c>max_pixels</c>, which the resize keeps as it is, so the image yields the most visual tokens
    /// the package allows (672 px and 576 merged tokens at <c>max_pixels</c> 672x672 with patch 14 and merge 2).
    /// </summary>
    public static int SideFor(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Vision.ImageSize > 0)
        {
            return manifest.Vision.ImageSize;
        }

        var p = manifest.Preprocessing;
        var factor = Math.Max(1, p.ResizeFactor);
        var side = (long)Math.Sqrt(p.MaxPixels) / factor * factor;
        while (side > factor && side * side > p.MaxPixels)
        {
            side -= factor;
        }

        return (int)Math.Max(factor, side);
    }
}
