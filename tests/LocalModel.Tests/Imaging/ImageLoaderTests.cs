using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalModel.Tests.Imaging;

public sealed class ImageLoaderTests : IDisposable
{
    private readonly string _tempDirectory = Directory.CreateTempSubdirectory("imaging-tests-").FullName;

    public void Dispose() => Directory.Delete(_tempDirectory, recursive: true);

    [Fact]
    public void Load_EmptyBytes_ThrowsEmpty()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(ReadOnlyMemory<byte>.Empty, "image #3"));

        Assert.Equal(ImageDecodeError.Empty, ex.Error);
        Assert.Equal("image #3", ex.SourceName);
        Assert.Equal("image #3: the image is empty (0 bytes)", ex.Message);
    }

    [Fact]
    public void Load_EmptyStream_ThrowsEmpty()
    {
        using var stream = new MemoryStream();

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(stream));

        Assert.Equal(ImageDecodeError.Empty, ex.Error);
        Assert.StartsWith("image: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_EmptyFile_ThrowsEmptyNamingTheFile()
    {
        var path = Path.Combine(_tempDirectory, "empty.png");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().LoadFile(path));

        Assert.Equal(ImageDecodeError.Empty, ex.Error);
        Assert.Equal("empty.png: the image is empty (0 bytes)", ex.Message);
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsUnreadableNamingTheFile()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().LoadFile(Path.Combine(_tempDirectory, "missing.jpg")));

        Assert.Equal(ImageDecodeError.Unreadable, ex.Error);
        Assert.StartsWith("missing.jpg: the file cannot be read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RandomBytes_ThrowsUnknownFormat()
    {
        var bytes = new byte[300];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x12;

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(bytes, "image #0"));

        Assert.Equal(ImageDecodeError.UnknownFormat, ex.Error);
        Assert.StartsWith("image #0: unknown image format (supported: PNG, JPEG, GIF, BMP, WebP; the data starts with 0x12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptPngImageData_ThrowsCorrupt()
    {
        // A complete PNG whose zlib stream is garbage.
        var ihdr = CraftedPng.Rgb(8, 8, 8).AsSpan(16, 13).ToArray();
        var png = CraftedPng.Build(ihdr, [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0x00, 0x13, 0x37, 0x00, 0x00]);

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(png, "image #1"));

        Assert.Equal(ImageDecodeError.Corrupt, ex.Error);
        Assert.StartsWith("image #1: the PNG data is corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PngHeaderClaiming30000x30000_IsRejectedBeforeAnyPixelAllocation()
    {
        // Arrange: a valid PNG (IHDR with correct CRC) declaring 30000x30000 with 2 rows of data.
        // A managed allocator makes ImageSharp's pixel buffers visible to the GC counters.
        var png = CraftedPng.Rgb(30000, 30000, rows: 2);
        var loader = new ImageLoader(options: null, new SimpleGcMemoryAllocator());
        _ = Assert.Throws<ImageDecodeException>(() => loader.Load(png)); // warm up JIT and statics

        // Act
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var ex = Assert.Throws<ImageDecodeException>(() => loader.Load(png, "huge.png"));
        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Assert: decoding would need 30000 * 30000 * 3 = 2.7 GB.
        Assert.Equal(ImageDecodeError.TooLarge, ex.Error);
        Assert.Equal("huge.png: 30000x30000 = 900 MP exceeds the limit of 40 MP", ex.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Load_Png1000x1000_AllocationIsVisibleToTheCounter()
    {
        // Control for the test above: the same measurement does see pixel buffers.
        var png = CraftedPng.Rgb(1000, 1000, rows: 1000);
        var loader = new ImageLoader(options: null, new SimpleGcMemoryAllocator());
        _ = loader.Load(png);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var image = loader.Load(png);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal((1000, 1000), (image.Width, image.Height));
        Assert.True(allocated >= 1000 * 1000 * 3, $"allocated only {allocated} bytes");
    }

    [Fact]
    public void Load_ImageOverCustomPixelLimit_ThrowsTooLargeWithBothSizes()
    {
        var png = CraftedPng.Rgb(1500, 1001, rows: 1001);
        var loader = new ImageLoader(new ImageLoaderOptions { MaxPixels = 1_500_000 });

        var ex = Assert.Throws<ImageDecodeException>(() => loader.Load(png, "image #2"));

        Assert.Equal(ImageDecodeError.TooLarge, ex.Error);
        Assert.Equal("image #2: 1500x1001 = 1.5 MP exceeds the limit of 1.5 MP (1501500 > 1500000 pixels)", ex.Message);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Load_PngWithZeroDimension_IsRejected(int width, int height)
    {
        var png = CraftedPng.Rgb(width, height, rows: 1);

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(png, "zero.png"));

        Assert.Equal(ImageDecodeError.InvalidDimensions, ex.Error);
        Assert.Equal($"zero.png: the PNG header declares a {width}x{height} image", ex.Message);
    }

    // Truncation is judged as Pillow judges it (measured with Pillow 9.4): cut < 0 removes bytes
    // from the end, 0 keeps the first half, > 0 appends that many junk bytes.
    [Theory]
    [InlineData("photo_80x64.jpg", -1, true)]
    [InlineData("photo_80x64.jpg", -2, true)]
    [InlineData("photo_80x64.jpg", 0, true)]
    [InlineData("photo_80x64.jpg", 15, false)]
    [InlineData("photo_progressive_80x64.jpg", -2, true)]
    [InlineData("gradient_90x60.png", -12, false)]
    [InlineData("gradient_90x60.png", 0, true)]
    [InlineData("gradient_90x60.png", 15, false)]
    [InlineData("palette_60x45.gif", -2, false)]
    [InlineData("palette_60x45.gif", -12, true)]
    [InlineData("palette_60x45.gif", 0, true)]
    [InlineData("animated_32x32.gif", 0, false)]
    [InlineData("tall_45x77.bmp", -1, false)]
    [InlineData("tall_45x77.bmp", -2, true)]
    [InlineData("tall_45x77.bmp", 0, true)]
    [InlineData("lossy_48x40.webp", -1, true)]
    [InlineData("lossless_48x40.webp", 0, true)]
    [InlineData("lossless_48x40.webp", 15, false)]
    public void Load_CutOrExtendedFile_RejectsTruncationLikePillow(string file, int cut, bool truncated)
    {
        var bytes = ImagingFixtures.Bytes(file);
        bytes = cut switch
        {
            < 0 => bytes[..^(-cut)],
            0 => bytes[..(bytes.Length / 2)],
            _ => [.. bytes, .. Enumerable.Repeat((byte)0x5A, cut)],
        };

        if (truncated)
        {
            var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(bytes, file));
            Assert.Equal(ImageDecodeError.Truncated, ex.Error);
            Assert.StartsWith(file + ": the ", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            var image = new ImageLoader().Load(bytes, file);
            var golden = ImagingFixtures.Goldens.Images[file];
            Assert.Equal((golden.Width, golden.Height), (image.Width, image.Height));
        }
    }

    [Fact]
    public void Load_TruncatedJpeg_MessageSaysTruncated()
    {
        var jpeg = ImagingFixtures.Bytes("photo_80x64.jpg");

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().Load(jpeg.AsMemory(0, jpeg.Length - 100), "photo.jpg"));

        Assert.Equal("photo.jpg: the JPEG data is truncated (no end-of-image marker after the scan data)", ex.Message);
    }

    [Fact]
    public void LoadFile_PngContentWithJpgExtension_DecodesByContent()
    {
        var path = Path.Combine(_tempDirectory, "actually-a-png.jpg");
        File.Copy(ImagingFixtures.PathOf("gradient_90x60.png"), path);

        var image = new ImageLoader().LoadFile(path);

        Assert.Equal(ImagingFixtures.Goldens.Images["gradient_90x60.png"].DecodedU8, image.Pixels.ToArray());
    }

    [Fact]
    public void LoadFile_AnimatedGif_ReturnsFirstFrameOnly()
    {
        var image = new ImageLoader().LoadFile(ImagingFixtures.PathOf("animated_32x32.gif"));

        // Pillow's first frame; the later frames have different pixels.
        Assert.Equal(ImagingFixtures.Goldens.Images["animated_32x32.gif"].DecodedU8, image.Pixels.ToArray());
    }

    [Fact]
    public void LoadFile_GifTransparentPixel_TakesThePaletteColourLikePillow()
    {
        var image = new ImageLoader().LoadFile(ImagingFixtures.PathOf("palette_60x45.gif"));

        // The fixture's transparent index 31 is (200, 40, 90); ImageSharp alone gives (0, 0, 0).
        Assert.Equal(new byte[] { 200, 40, 90 }, image.Pixels[..3].ToArray());
    }

    [Theory]
    [InlineData("lossless_48x40.webp")]
    [InlineData("lossy_48x40.webp")]
    public void LoadFile_Webp_MatchesLibwebp(string file)
    {
        var image = new ImageLoader().LoadFile(ImagingFixtures.PathOf(file));

        Assert.Equal(ImagingFixtures.Goldens.Images[file].DecodedU8, image.Pixels.ToArray());
    }

    [Fact]
    public void Load_RgbaPng_DropsAlphaWithoutPremultiplying()
    {
        using var rgba = new Image<Rgba32>(2, 1);
        rgba[0, 0] = new Rgba32(200, 100, 50, 0);
        rgba[1, 0] = new Rgba32(10, 20, 30, 128);
        using var stream = new MemoryStream();
        rgba.SaveAsPng(stream, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });

        var image = new ImageLoader().Load(stream.ToArray());

        Assert.Equal(new byte[] { 200, 100, 50, 10, 20, 30 }, image.Pixels.ToArray());
    }

    [Fact]
    public void Load_SixteenBitGreyPng_KeepsTheHighByte()
    {
        using var grey = new Image<L16>(3, 1);
        grey[0, 0] = new L16(0x80FF);
        grey[1, 0] = new L16(0x00FF);
        grey[2, 0] = new L16(0xFF00);
        using var stream = new MemoryStream();
        grey.SaveAsPng(stream, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit16 });

        var image = new ImageLoader().Load(stream.ToArray());

        // Rounding (ImageSharp's Rgb24 conversion) would give 129, 1, 254.
        Assert.Equal(new byte[] { 0x80, 0x80, 0x80, 0, 0, 0, 0xFF, 0xFF, 0xFF }, image.Pixels.ToArray());
    }

    [Fact]
    public void LoadMany_SecondImageBad_MessageNamesItsIndex()
    {
        var good = ImagingFixtures.Bytes("gradient_90x60.png");

        var ex = Assert.Throws<ImageDecodeException>(() => new ImageLoader().LoadMany([good, new byte[] { 1, 2, 3 }]));

        Assert.Equal("image #1", ex.SourceName);
        Assert.StartsWith("image #1: unknown image format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NonSeekableStream_DecodesLikeBytes()
    {
        var bytes = ImagingFixtures.Bytes("photo_80x64.jpg");
        using var stream = new NonSeekableStream(bytes);

        var image = await new ImageLoader().LoadAsync(stream, "upload");

        Assert.Equal(new ImageLoader().Load(bytes).Pixels.ToArray(), image.Pixels.ToArray());
    }

    [Fact]
    public async Task LoadAsync_StreamOverEncodedLimit_ThrowsTooLarge()
    {
        using var stream = new NonSeekableStream(new byte[5000]);
        var loader = new ImageLoader(new ImageLoaderOptions { MaxEncodedBytes = 4096 });

        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => loader.LoadAsync(stream, "upload"));

        Assert.Equal(ImageDecodeError.TooLarge, ex.Error);
        Assert.Equal("upload: the encoded image has more than 4096 bytes, the limit", ex.Message);
    }

    [Fact]
    public async Task LoadFileAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ImageLoader().LoadFileAsync(ImagingFixtures.PathOf("gradient_90x60.png"), cts.Token));
    }

    [Fact]
    public async Task LoadFileAsync_Png_MatchesSynchronousLoad()
    {
        var path = ImagingFixtures.PathOf("rgba_64x48.png");

        var image = await new ImageLoader().LoadFileAsync(path);

        Assert.Equal(new ImageLoader().LoadFile(path).Pixels.ToArray(), image.Pixels.ToArray());
    }

    [Fact]
    public void Load_OutOfMemoryWhileDecoding_IsMappedWithClearMessage()
    {
        var loader = new ImageLoader(options: null, new ThrowingAllocator(() => new OutOfMemoryException()));

        var ex = Assert.Throws<ImageDecodeException>(() => loader.Load(ImagingFixtures.Bytes("photo_80x64.jpg"), "image #4"));

        Assert.Equal(ImageDecodeError.OutOfMemory, ex.Error);
        Assert.StartsWith("image #4: out of memory while decoding the ", ex.Message, StringComparison.Ordinal);
        Assert.IsType<OutOfMemoryException>(ex.InnerException);
    }

    [Fact]
    public void Load_DecoderThrowsUnexpectedType_IsMappedToCorrupt()
    {
        var loader = new ImageLoader(options: null, new ThrowingAllocator(() => new IndexOutOfRangeException()));

        var ex = Assert.Throws<ImageDecodeException>(() => loader.Load(ImagingFixtures.Bytes("gradient_90x60.png"), "image #5"));

        Assert.Equal(ImageDecodeError.Corrupt, ex.Error);
        Assert.Equal("image #5: the PNG data is corrupt (the decoder failed with IndexOutOfRangeException)", ex.Message);
        Assert.IsType<IndexOutOfRangeException>(ex.InnerException);
    }

    [Theory]
    [InlineData(0L, 1L, 1)]
    [InlineData(1L, 0L, 1)]
    [InlineData(1L, 1L, 0)]
    public void Constructor_InvalidOptions_ThrowsArgumentException(long maxPixels, long maxEncodedBytes, int parallelism)
    {
        var options = new ImageLoaderOptions { MaxPixels = maxPixels, MaxEncodedBytes = maxEncodedBytes, MaxDegreeOfParallelism = parallelism };

        Assert.Throws<ArgumentException>(() => new ImageLoader(options));
    }

    /// <summary>An ImageSharp allocator whose every allocation fails.</summary>
    private sealed class ThrowingAllocator(Func<Exception> failure) : MemoryAllocator
    {
        public override IMemoryOwner<T> Allocate<T>(int length, AllocationOptions options = AllocationOptions.None) => throw failure();

        protected override int GetBufferCapacityInBytes() => int.MaxValue;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
