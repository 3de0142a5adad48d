using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LocalModel.Tests.Imaging;

/// <summary>Finds tests/fixtures/images and reads image_goldens.json.</summary>
internal static class ImagingFixtures
{
    private static readonly Lazy<string> Directory = new(FindDirectory);
    private static readonly Lazy<Goldens> Loaded = new(Load);

    public static string ImagesDirectory => Directory.Value;

    public static Goldens Goldens => Loaded.Value;

    public static string PathOf(string fileName) => Path.Combine(ImagesDirectory, fileName);

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(PathOf(fileName));

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "images");
            if (File.Exists(Path.Combine(candidate, "image_goldens.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "tests/fixtures/images/image_goldens.json not found above " + AppContext.BaseDirectory
            + "; regenerate it with /usr/bin/python3 tests/fixtures/scripts/make_image_goldens.py");
    }

    private static Goldens Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("image_goldens.json")));
        var root = doc.RootElement;
        var images = new Dictionary<string, GoldenImage>();
        foreach (var p in root.GetProperty("images").EnumerateObject())
        {
            var decoded = p.Value.GetProperty("decoded_u8");
            images[p.Name] = new GoldenImage(
                p.Value.GetProperty("width").GetInt32(),
                p.Value.GetProperty("height").GetInt32(),
                decoded.ValueKind == JsonValueKind.Null ? null : Convert.FromBase64String(decoded.GetString()!));
        }

        var cases = new List<GoldenCase>();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            cases.Add(new GoldenCase(
                c.GetProperty("name").GetString()!,
                c.GetProperty("file").GetString()!,
                c.GetProperty("do_resize").GetBoolean(),
                NullableInt(c, "shortest_edge"),
                NullableInt(c, "resize_height"),
                NullableInt(c, "resize_width"),
                c.GetProperty("crop_height").GetInt32(),
                c.GetProperty("crop_width").GetInt32(),
                c.GetProperty("resample").GetInt32(),
                c.GetProperty("pad_to_square").GetBoolean(),
                NullableBytes(c, "cropped_u8"),
                NullableString(c, "cropped_png"),
                NullableFloats(c, "tensor_f32")));
        }

        return new Goldens(images, cases);
    }

    private static int? NullableInt(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt32();

    private static string? NullableString(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    private static byte[]? NullableBytes(JsonElement e, string name) =>
        NullableString(e, name) is { } s ? Convert.FromBase64String(s) : null;

    private static float[]? NullableFloats(JsonElement e, string name)
    {
        var bytes = NullableBytes(e, name);
        if (bytes is null)
        {
            return null;
        }

        var floats = new float[bytes.Length / 4];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BitConverter.ToSingle(bytes, i * 4); // little endian, as written
        }

        return floats;
    }
}

internal sealed record Goldens(IReadOnlyDictionary<string, GoldenImage> Images, IReadOnlyList<GoldenCase> Cases);

internal sealed record GoldenImage(int Width, int Height, byte[]? DecodedU8);

internal sealed record GoldenCase(
    string Name,
    string File,
    bool DoResize,
    int? ShortestEdge,
    int? ResizeHeight,
    int? ResizeWidth,
    int CropHeight,
    int CropWidth,
    int Resample,
    bool PadToSquare,
    byte[]? CroppedU8,
    string? CroppedPng,
    float[]? TensorF32)
{
    public override string ToString() => Name;
}
