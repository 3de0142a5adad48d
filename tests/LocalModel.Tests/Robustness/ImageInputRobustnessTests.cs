using System;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.Imaging;
using SixLabors.ImageSharp.Memory;

namespace LocalModel.Tests.Robustness;

/// <summary>Bad image bytes sent with a one-placeholder prompt: a clear <see cref="ImageDecodeException"/>, and the engine keeps working.</summary>
public class ImageInputRobustnessTests : IClassFixture<TinyLlavaEngineFixture>
{
    private readonly TinyLlavaEngineFixture _fixture;

    public ImageInputRobustnessTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_NoiseBytes_ThrowsUnknownFormatNamingImage(bool streaming)
    {
        // Arrange
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(BadImages.Noise(4096), "noise.bin"));

        // Act
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => EngineCalls.RunAsync(_fixture.Engine, request, streaming));

        // Assert
        Assert.Equal(ImageDecodeError.UnknownFormat, ex.Error);
        Assert.Equal("noise.bin", ex.SourceName);
        Assert.Contains("noise.bin", ex.Message, StringComparison.Ordinal);
        Assert.Contains("format", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GenerateAsync_PngSignatureThenGarbage_ThrowsNamingImageAndFormat()
    {
        // Arrange
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(BadImages.PngSignatureThenNoise(2048), "garbage.png"));

        // Act
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Contains("garbage.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PNG", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_TruncatedPng_ThrowsTruncatedNamingImage()
    {
        // Arrange
        var half = _fixture.ImageBytes.AsMemory(0, _fixture.ImageBytes.Length / 2);
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(half, "half.png"));

        // Act
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Equal(ImageDecodeError.Truncated, ex.Error);
        Assert.Contains("half.png", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_EmptyImage_ThrowsEmptyNamingImage(bool streaming)
    {
        // Arrange
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(ReadOnlyMemory<byte>.Empty, "empty.png"));

        // Act
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => EngineCalls.RunAsync(_fixture.Engine, request, streaming));

        // Assert
        Assert.Equal(ImageDecodeError.Empty, ex.Error);
        Assert.Contains("empty.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_EmptyImageFile_ThrowsEmptyNamingFile()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine("zero.png");
        await System.IO.File.WriteAllBytesAsync(path, Array.Empty<byte>());
        var request = _fixture.GoldenRequest(ImageInput.FromFile(path));

        // Act
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert
        Assert.Equal(ImageDecodeError.Empty, ex.Error);
        Assert.Contains("zero.png", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_PngHeaderClaims30000x30000_ThrowsTooLargeFromHeaderCheck()
    {
        // Arrange
        var request = _fixture.GoldenRequest(ImageInput.FromBytes(BadImages.PngHeader(30000, 30000), "huge.png"));

        // Act
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => _fixture.Engine.GenerateAsync(request));

        // Assert: rejected by the header check against MaxImagePixels (40 MP), which names size and limit in megapixels;
        // the allocation-limit fallback would name "MB" instead.
        Assert.Equal(ImageDecodeError.TooLarge, ex.Error);
        Assert.Contains("huge.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("30000x30000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("40 MP", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PngHeaderClaims30000x30000_AllocatesFarLessThanThePixels()
    {
        // Arrange: a managed allocator, so any pixel buffer would show in this thread's GC allocation counter.
        var loader = new ImageLoader(new ImageLoaderOptions(), new SimpleGcMemoryAllocator());
        var png = BadImages.PngHeader(30000, 30000);
        const long pixelBytes = 30000L * 30000 * 3;
        _ = Assert.Throws<ImageDecodeException>(() => loader.Load(BadImages.PngHeader(8000, 8000), "warm-up.png"));
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var ex = Assert.Throws<ImageDecodeException>(() => loader.Load(png, "huge.png"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: 1 MB is over a thousand times less than the 2.7 GB of RGB pixels the header declares.
        Assert.Equal(ImageDecodeError.TooLarge, ex.Error);
        Assert.True(allocated < 1024 * 1024, $"Rejecting the header allocated {allocated} bytes (pixels would be {pixelBytes}).");
    }

    [Fact]
    public async Task GenerateAsync_AfterBadImages_GoodRequestStillMatchesGolden()
    {
        // Arrange
        foreach (var bad in new[] { BadImages.Noise(100), BadImages.PngHeader(30000, 30000), Array.Empty<byte>() })
        {
            await Assert.ThrowsAsync<ImageDecodeException>(() => _fixture.Engine.GenerateAsync(_fixture.GoldenRequest(ImageInput.FromBytes(bad))));
        }

        var request = _fixture.GoldenRequest(ImageInput.FromBytes(_fixture.ImageBytes, "image.png"), maxTokens: 16);
        request.IgnoreEndOfSequence = true;

        // Act
        var result = await _fixture.Engine.GenerateAsync(request);

        // Assert
        Assert.Equal(_fixture.GoldenGreedyIds, result.TokenIds);
    }
}
