using System.IO;
using LocalModel.Generation;
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
}
