using System;
using System.IO;
using Agents.TestSupport;
using Plugins.Affect.Visual;

namespace Plugins.Affect.Tests.Visual;

public sealed class ImageInputTests
{
    private static readonly string Png = Path.Combine(Fixtures.Dir("tiny-llava"), "image.png");

    [Fact]
    public void Load_PngPath_ReturnsPngContent()
    {
        var content = ImageInput.Load(Png, new ImageInputOptions(), "image");

        Assert.Equal("image/png", content.MediaType);
        Assert.Equal(File.ReadAllBytes(Png), content.Data.ToArray());
    }

    [Fact]
    public void Load_FileUri_ReturnsContent()
    {
        Assert.Equal("image/png", ImageInput.Load(new Uri(Png).AbsoluteUri, new ImageInputOptions(), "image").MediaType);
    }

    [Fact]
    public void Load_DataUri_ReturnsContentBySignature()
    {
        var uri = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(Png));

        var content = ImageInput.Load(uri, new ImageInputOptions { AllowFiles = false }, "image");

        Assert.Equal("image/png", content.MediaType);
        Assert.Equal(File.ReadAllBytes(Png).Length, content.Data.Length);
    }

    [Fact]
    public void Load_RelativePathInsideRoot_Resolved()
    {
        var options = new ImageInputOptions { Root = Fixtures.Dir("tiny-llava") };

        Assert.Equal("image/png", ImageInput.Load("image.png", options, "image").MediaType);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("no/such/image.png", "does not exist")]
    [InlineData("data:image/png;base64,%%%", "not a valid data: URI")]
    [InlineData("data:text/plain;base64,aGVsbG8gd29ybGQ=", "not a PNG, JPEG, GIF, WebP or BMP")]
    public void Load_BadInput_ThrowsNamingIt(string input, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageInput.Load(input, new ImageInputOptions(), "image"));

        Assert.Equal("image", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonImageFile_Throws()
    {
        var path = Path.Combine(Fixtures.Dir("tiny-llava"), "config.json");

        var error = Assert.Throws<ArgumentException>(() => ImageInput.Load(path, new ImageInputOptions(), "image"));

        Assert.Contains("is not a PNG, JPEG, GIF, WebP or BMP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PathOutsideRoot_Throws()
    {
        var options = new ImageInputOptions { Root = Path.Combine(Fixtures.RepoRoot, "Prompts") };

        var error = Assert.Throws<ArgumentException>(() => ImageInput.Load(Png, options, "image"));

        Assert.Contains("outside the allowed folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FilesNotAllowed_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageInput.Load(Png, new ImageInputOptions { AllowFiles = false }, "image"));

        Assert.Contains("file paths are not accepted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooLarge_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageInput.Load(Png, new ImageInputOptions { MaxBytes = 10 }, "image"));

        Assert.Contains("more than the limit (10)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "image/gif")]
    [InlineData(new byte[] { 1, 2, 3 }, null)]
    public void Sniff_Signature_MediaType(byte[] bytes, string? expected)
    {
        Assert.Equal(expected, ImageInput.Sniff(bytes));
    }
}
