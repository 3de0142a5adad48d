using System;
using System.IO;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Visual;

/// <summary>Turns an image given as a string (a file path, a <c>file:</c> URI or a <c>data:image/...;base64,</c> URI) into <see cref="DataContent"/>, checking it is a PNG, JPEG, GIF, WebP or BMP by its first bytes.</summary>
internal static class ImageInput
{
    /// <summary>Loads the image; errors name the input and what is expected.</summary>
    /// <exception cref="ArgumentException">The input is empty, not found, outside the root, too large or not an image.</exception>
    public static DataContent Load(string? image, ImageInputOptions options, string parameterName)
    {
        var input = image?.Trim() ?? string.Empty;
        if (input.Length == 0)
        {
            throw new ArgumentException("The image is empty; give a file path (e.g. photos/cat.png) or a data:image/png;base64,... URI.", parameterName);
        }

        byte[] bytes;
        if (input.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            DataContent content;
            try
            {
                content = new DataContent(input);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
            {
                throw new ArgumentException($"The image '{Short(input)}' is not a valid data: URI ({e.Message}); use data:image/png;base64,<base64>.", parameterName, e);
            }

            bytes = content.Data.ToArray();
        }
        else
        {
            if (!options.AllowFiles)
            {
                throw new ArgumentException($"The image '{Short(input)}' is a file path, and file paths are not accepted here; pass a data:image/...;base64 URI.", parameterName);
            }

            var path = FullPath(input, options, parameterName);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ArgumentException($"The image file '{input}' does not exist (resolved to {path}).", parameterName);
            }

            if (info.Length > options.MaxBytes)
            {
                throw new ArgumentException($"The image file '{input}' has {info.Length} bytes, more than the limit ({options.MaxBytes}).", parameterName);
            }

            bytes = File.ReadAllBytes(path);
        }

        if (bytes.Length > options.MaxBytes)
        {
            throw new ArgumentException($"The image '{Short(input)}' has {bytes.Length} bytes, more than the limit ({options.MaxBytes}).", parameterName);
        }

        var mediaType = Sniff(bytes)
            ?? throw new ArgumentException($"The image '{Short(input)}' is not a PNG, JPEG, GIF, WebP or BMP image (its first bytes do not match any).", parameterName);
        return new DataContent(bytes, mediaType);
    }

    /// <summary>The media type of an image by its signature, or <see langword="null"/>.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> b) =>
        b.Length >= 8 && b[0] == 0x89 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G' ? "image/png"
        : b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 6 && b[0] == (byte)'G' && b[1] == (byte)'I' && b[2] == (byte)'F' && b[3] == (byte)'8' ? "image/gif"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : b.Length >= 14 && b[0] == (byte)'B' && b[1] == (byte)'M' ? "image/bmp"
        : null;

    private static string FullPath(string input, ImageInputOptions options, string parameterName)
    {
        var path = input;
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.IsFile && input.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = uri.LocalPath;
        }

        if (options.Root is null)
        {
            return Path.GetFullPath(path);
        }

        var root = Path.GetFullPath(options.Root);
        var full = Path.GetFullPath(path, root);
        var relative = Path.GetRelativePath(root, full);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"The image file '{input}' lies outside the allowed folder {root}; give a path inside it.", parameterName);
        }

        return full;
    }

    private static string Short(string input) => input.Length <= 48 ? input : input[..48] + "...";
}
