using System;
using System.IO;

namespace LocalModel.Generation;

/// <summary>An encoded image (PNG, JPEG, BMP, GIF, WebP) given to a generation request.</summary>
public sealed class ImageInput
{
    private ImageInput(ReadOnlyMemory<byte> data, string name)
    {
        Data = data;
        Name = name;
    }

    /// <summary>Gets the encoded bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets a name used in error messages (file name or a caller-chosen label).</summary>
    public string Name { get; }

    /// <summary>Wraps encoded bytes.</summary>
    public static ImageInput FromBytes(ReadOnlyMemory<byte> data, string name = "image") => new(data, name);

    /// <summary>Reads a file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ImageInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        }

        return new ImageInput(File.ReadAllBytes(path), Path.GetFileName(path));
    }
}
