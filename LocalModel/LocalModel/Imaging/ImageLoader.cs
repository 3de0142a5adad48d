using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalModel.Imaging;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame only) and WebP from bytes, streams or files into an
/// <see cref="RgbImage"/>, the way Pillow's <c>Image.open(...).convert("RGB")</c> does: alpha is
/// dropped without premultiplying, grey and palette images are expanded, the format is sniffed
/// from the content (never the file extension), EXIF orientation is not applied.
/// <para>
/// Safety: the header is read first and an image whose <c>width * height</c> exceeds
/// <see cref="ImageLoaderOptions.MaxPixels"/> (default 40 MP), or has a zero dimension, is
/// rejected before any pixel memory is allocated; truncated files are rejected as Pillow rejects
/// them; ImageSharp's allocator has a per-buffer limit as a second guard. Every failure is an
/// <see cref="ImageDecodeException"/> naming the source and the reason, except
/// <see cref="OperationCanceledException"/> for a cancelled token and argument errors.
/// </para>
/// Thread-safe: one instance can serve concurrent callers.
/// </summary>
public sealed class ImageLoader
{
    /// <summary>Size of ImageSharp's retained buffer pool for this loader, in megabytes.</summary>
    private const int PoolMegabytes = 64;

    private const string DefaultSourceName = "image";

    private readonly Configuration _configuration;
    private readonly int _allocationLimitMegabytes;

    /// <summary>Creates a loader.</summary>
    /// <param name="options">Limits; null means <see cref="ImageLoaderOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ImageLoader(ImageLoaderOptions? options = null)
        : this(options, allocator: null)
    {
    }

    /// <summary>Creates a loader with a specific ImageSharp allocator (tests use a managed one
    /// so that GC counters see pixel buffers).</summary>
    internal ImageLoader(ImageLoaderOptions? options, MemoryAllocator? allocator)
    {
        options ??= new ImageLoaderOptions();
        options.Validate();
        Options = options;
        _allocationLimitMegabytes = options.AllocationLimitMegabytes
            ?? (int)Math.Clamp((options.MaxPixels * 8 + (1 << 20) - 1) >> 20, 64, 1 << 20);

        // Only the five formats we support: TIFF, TGA and PBM decoders stay unreachable.
        _configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new GifConfigurationModule(),
            new BmpConfigurationModule(),
            new WebpConfigurationModule())
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            MemoryAllocator = allocator ?? MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = PoolMegabytes,
                AllocationLimitMegabytes = _allocationLimitMegabytes,
            }),
        };

        // Metadata (EXIF, ICC, XMP, text chunks) is never used: skipping it removes parsing work
        // and allocations driven by untrusted length fields. GIF decodes its first frame only.
        var formats = _configuration.ImageFormatsManager;
        formats.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        formats.SetDecoder(JpegFormat.Instance, new JpegDecoder { IgnoreMetadata = true });
        formats.SetDecoder(GifFormat.Instance, new GifDecoder { IgnoreMetadata = true, DecodingMode = FrameDecodingMode.First });
        formats.SetDecoder(WebpFormat.Instance, new WebpDecoder { IgnoreMetadata = true });
    }

    /// <summary>Gets the validated options.</summary>
    public ImageLoaderOptions Options { get; }

    /// <summary>Decodes an encoded image held in memory (not copied when it is array-backed).</summary>
    /// <param name="data">The encoded bytes.</param>
    /// <param name="sourceName">Name for error messages, e.g. <c>image #2</c>. Default <c>image</c>.</param>
    /// <param name="cancellationToken">Checked while decoding.</param>
    /// <returns>The RGB image.</returns>
    /// <exception cref="ImageDecodeException">The data is not a loadable image.</exception>
    public RgbImage Load(ReadOnlyMemory<byte> data, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        var source = sourceName ?? DefaultSourceName;
        CheckEncodedLength(data.Length, source);
        if (!MemoryMarshal.TryGetArray(data, out var segment) || segment.Array is null)
        {
            segment = new ArraySegment<byte>(data.ToArray());
        }

        return Decode(segment.Array!, segment.Offset, segment.Count, source, cancellationToken);
    }

    /// <summary>Decodes several encoded images; a failure names its index as <c>image #i</c>
    /// (0-based).</summary>
    /// <param name="images">The encoded images.</param>
    /// <param name="cancellationToken">Checked between and while decoding.</param>
    /// <returns>The RGB images, in order.</returns>
    /// <exception cref="ImageDecodeException">An item is not a loadable image.</exception>
    public IReadOnlyList<RgbImage> LoadMany(IReadOnlyList<ReadOnlyMemory<byte>> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new RgbImage[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[i] = Load(images[i], SourceNameFor(i), cancellationToken);
        }

        return result;
    }

    /// <summary>Reads <paramref name="stream"/> to its end (at most
    /// <see cref="ImageLoaderOptions.MaxEncodedBytes"/>) and decodes it.</summary>
    /// <param name="stream">A readable stream positioned at the image; not disposed.</param>
    /// <param name="sourceName">Name for error messages. Default <c>image</c>.</param>
    /// <param name="cancellationToken">Checked while reading and decoding.</param>
    /// <returns>The RGB image.</returns>
    /// <exception cref="ImageDecodeException">The stream cannot be read or is not a loadable image.</exception>
    public RgbImage Load(Stream stream, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = sourceName ?? DefaultSourceName;
        var (buffer, length) = ReadAllAsync(stream, source, async: false, cancellationToken).GetAwaiter().GetResult();
        return Decode(buffer, 0, length, source, cancellationToken);
    }

    /// <summary>Reads <paramref name="stream"/> asynchronously to its end and decodes it (the
    /// decoding itself runs on the calling thread).</summary>
    /// <param name="stream">A readable stream positioned at the image; not disposed.</param>
    /// <param name="sourceName">Name for error messages. Default <c>image</c>.</param>
    /// <param name="cancellationToken">Checked while reading and decoding.</param>
    /// <returns>The RGB image.</returns>
    /// <exception cref="ImageDecodeException">The stream cannot be read or is not a loadable image.</exception>
    public async Task<RgbImage> LoadAsync(Stream stream, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = sourceName ?? DefaultSourceName;
        var (buffer, length) = await ReadAllAsync(stream, source, async: true, cancellationToken).ConfigureAwait(false);
        return Decode(buffer, 0, length, source, cancellationToken);
    }

    /// <summary>Loads an image file; error messages name the file (not its directory).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Checked while reading and decoding.</param>
    /// <returns>The RGB image.</returns>
    /// <exception cref="ImageDecodeException">The file cannot be read or is not a loadable image.</exception>
    public RgbImage LoadFile(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var source = Path.GetFileName(path);
        var (buffer, length) = OpenAndReadAsync(path, source, async: false, cancellationToken).GetAwaiter().GetResult();
        return Decode(buffer, 0, length, source, cancellationToken);
    }

    /// <summary>Loads an image file, reading it asynchronously.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Checked while reading and decoding.</param>
    /// <returns>The RGB image.</returns>
    /// <exception cref="ImageDecodeException">The file cannot be read or is not a loadable image.</exception>
    public async Task<RgbImage> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var source = Path.GetFileName(path);
        var (buffer, length) = await OpenAndReadAsync(path, source, async: true, cancellationToken).ConfigureAwait(false);
        return Decode(buffer, 0, length, source, cancellationToken);
    }

    /// <summary>Gets the source name used for the <paramref name="index"/>-th image of a request: <c>image #index</c>.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <returns>The name.</returns>
    public static string SourceNameFor(int index) => string.Create(CultureInfo.InvariantCulture, $"image #{index}");

    private static string Megapixels(long pixels) =>
        (pixels / 1e6).ToString(pixels % 1_000_000 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private async Task<(byte[] Buffer, int Length)> OpenAndReadAsync(string path, string source, bool async, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: async);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ImageDecodeException(source, ImageDecodeError.Unreadable, $"{source}: the file cannot be read ({ex.Message})", ex);
        }

        await using (file.ConfigureAwait(false))
        {
            return await ReadAllAsync(file, source, async, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, string source, bool async, CancellationToken cancellationToken)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        try
        {
            if (stream.CanSeek)
            {
                var remaining = Math.Max(0, stream.Length - stream.Position);
                CheckEncodedLength(remaining, source);
                var exact = new byte[remaining];
                var read = 0;
                while (read < exact.Length)
                {
                    var n = async
                        ? await stream.ReadAsync(exact.AsMemory(read), cancellationToken).ConfigureAwait(false)
                        : stream.Read(exact, read, exact.Length - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                return (exact, read);
            }

            var buffer = new byte[64 * 1024];
            var length = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (length == buffer.Length)
                {
                    CheckEncodedLength(length + 1L, source);
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Options.MaxEncodedBytes + 1));
                }

                var n = async
                    ? await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)
                    : stream.Read(buffer, length, buffer.Length - length);
                if (n == 0)
                {
                    return (buffer, length);
                }

                length += n;
                CheckEncodedLength(length, source);
            }
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new ImageDecodeException(source, ImageDecodeError.Unreadable, $"{source}: the data cannot be read ({ex.Message})", ex);
        }
    }

    private void CheckEncodedLength(long length, string source)
    {
        if (length > Options.MaxEncodedBytes)
        {
            throw new ImageDecodeException(
                source,
                ImageDecodeError.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"{source}: the encoded image has more than {Options.MaxEncodedBytes} bytes, the limit"));
        }
    }

    private RgbImage Decode(byte[] buffer, int offset, int count, string source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (count == 0)
        {
            throw new ImageDecodeException(source, ImageDecodeError.Empty, $"{source}: the image is empty (0 bytes)");
        }

        var data = new ReadOnlySpan<byte>(buffer, offset, count);
        var formatName = "image";
        string? truncation = null;
        var width = 0;
        var height = 0;

        // Everything below, ImageSharp and our own framing checks alike, runs inside the mapping
        // try: no exception type other than ImageDecodeException (or a cancellation) escapes.
        try
        {
            var format = Image.DetectFormat(_configuration, data);
            if (format is null)
            {
                var head = Convert.ToHexString(data[..Math.Min(8, count)]);
                throw new ImageDecodeException(
                    source,
                    ImageDecodeError.UnknownFormat,
                    $"{source}: unknown image format (supported: PNG, JPEG, GIF, BMP, WebP; the data starts with 0x{head})");
            }

            formatName = DisplayName(format);
            truncation = ImageContainerCheck.FindTruncation(format.Name, data);
            var decoder = _configuration.ImageFormatsManager.FindDecoder(format);
            using var stream = new MemoryStream(buffer, offset, count, writable: false);

            // The header only: no pixel memory is allocated before the size checks below.
            var info = ((IImageInfoDetector)decoder).Identify(_configuration, stream, cancellationToken)
                ?? throw new ImageDecodeException(source, ImageDecodeError.Corrupt, $"{source}: the {formatName} header cannot be read");
            width = info.Width;
            height = info.Height;
            CheckDimensions(width, height, formatName, source);
            if (truncation is not null)
            {
                throw new ImageDecodeException(source, ImageDecodeError.Truncated, $"{source}: {truncation}");
            }

            stream.Position = 0;
            if (format == GifFormat.Instance)
            {
                return DecodeGif(decoder, stream, data, width, height, formatName, source, cancellationToken);
            }

            return format == PngFormat.Instance && IsSixteenBitPng(data)
                ? DecodeSixteenBit(decoder, stream, width, height, formatName, source, cancellationToken)
                : DecodeRgb(decoder, stream, width, height, formatName, source, cancellationToken);
        }
        catch (ImageDecodeException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Map(ex, source, formatName, truncation, width, height);
        }
    }

    private void CheckDimensions(int width, int height, string formatName, string source)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(
                source, ImageDecodeError.InvalidDimensions, $"{source}: the {formatName} header declares a {width}x{height} image");
        }

        var pixels = (long)width * height;
        if (pixels > Options.MaxPixels)
        {
            var (actual, limit) = (Megapixels(pixels), Megapixels(Options.MaxPixels));
            var exact = actual == limit
                ? string.Create(CultureInfo.InvariantCulture, $" ({pixels} > {Options.MaxPixels} pixels)")
                : string.Empty;
            throw new ImageDecodeException(
                source,
                ImageDecodeError.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"{source}: {width}x{height} = {actual} MP exceeds the limit of {limit} MP{exact}"));
        }
    }

    private RgbImage DecodeRgb(IImageDecoder decoder, Stream stream, int width, int height, string formatName, string source, CancellationToken cancellationToken)
    {
        using var image = decoder.Decode<Rgb24>(_configuration, stream, cancellationToken);
        CheckDecodedSize(image.Width, image.Height, width, height, formatName, source);

        // Rgb24 conversion drops alpha as stored (no premultiplication), like PIL convert("RGB").
        var pixels = new byte[width * height * 3];
        image.CopyPixelDataTo(pixels);
        return new RgbImage(width, height, pixels);
    }

    // Pillow keeps the high byte of 16-bit samples; ImageSharp's Rgb24 conversion rounds
    // (v * 255 / 65535), which differs by one level for about half of all values.
    private RgbImage DecodeSixteenBit(IImageDecoder decoder, Stream stream, int width, int height, string formatName, string source, CancellationToken cancellationToken)
    {
        using var image = decoder.Decode<Rgba64>(_configuration, stream, cancellationToken);
        CheckDecodedSize(image.Width, image.Height, width, height, formatName, source);

        var pixels = new byte[width * height * 3];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                var row = accessor.GetRowSpan(y);
                var target = pixels.AsSpan(y * width * 3, width * 3);
                for (var x = 0; x < row.Length; x++)
                {
                    target[x * 3] = (byte)(row[x].R >> 8);
                    target[(x * 3) + 1] = (byte)(row[x].G >> 8);
                    target[(x * 3) + 2] = (byte)(row[x].B >> 8);
                }
            }
        });
        return new RgbImage(width, height, pixels);
    }

    private static bool IsSixteenBitPng(ReadOnlySpan<byte> data) =>
        data.Length > 24 && data.Slice(12, 4).SequenceEqual("IHDR"u8) && data[24] == 16;

    private static string DisplayName(IImageFormat format) => format.Name switch
    {
        "Webp" => "WebP",
        var name => name.ToUpperInvariant(),
    };

    private RgbImage DecodeGif(IImageDecoder decoder, Stream stream, ReadOnlySpan<byte> data, int width, int height, string formatName, string source, CancellationToken cancellationToken)
    {
        _ = GifFirstFrame.TryGetTransparentFill(data, out var fillR, out var fillG, out var fillB);
        using var image = decoder.Decode<Rgba32>(_configuration, stream, cancellationToken);
        CheckDecodedSize(image.Width, image.Height, width, height, formatName, source);

        var pixels = new byte[width * height * 3];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                var row = accessor.GetRowSpan(y);
                var target = pixels.AsSpan(y * width * 3, width * 3);
                for (var x = 0; x < row.Length; x++)
                {
                    var p = row[x];
                    var transparent = p.A == 0;
                    target[x * 3] = transparent ? fillR : p.R;
                    target[(x * 3) + 1] = transparent ? fillG : p.G;
                    target[(x * 3) + 2] = transparent ? fillB : p.B;
                }
            }
        });
        return new RgbImage(width, height, pixels);
    }

    private static void CheckDecodedSize(int decodedWidth, int decodedHeight, int width, int height, string formatName, string source)
    {
        if (decodedWidth != width || decodedHeight != height)
        {
            throw new ImageDecodeException(
                source,
                ImageDecodeError.Corrupt,
                $"{source}: the {formatName} header declares {width}x{height} but the decoder produced {decodedWidth}x{decodedHeight}");
        }
    }

    private ImageDecodeException Map(Exception ex, string source, string formatName, string? truncation, int width, int height)
    {
        var size = width > 0 ? string.Create(CultureInfo.InvariantCulture, $"{width}x{height} ") : string.Empty;
        return ex switch
        {
            InvalidMemoryOperationException => new ImageDecodeException(
                source,
                ImageDecodeError.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"{source}: decoding the {size}{formatName} image needs a buffer over the {_allocationLimitMegabytes} MB allocation limit"),
                ex),
            OutOfMemoryException => new ImageDecodeException(
                source, ImageDecodeError.OutOfMemory, $"{source}: out of memory while decoding the {size}{formatName} image", ex),
            _ when truncation is not null => new ImageDecodeException(
                source, ImageDecodeError.Truncated, $"{source}: {truncation}", ex),
            EndOfStreamException => new ImageDecodeException(
                source, ImageDecodeError.Truncated, $"{source}: the {formatName} data ends unexpectedly", ex),
            UnknownImageFormatException => new ImageDecodeException(
                source, ImageDecodeError.UnknownFormat, $"{source}: unknown image format ({ex.Message})", ex),
            NotSupportedException => new ImageDecodeException(
                source, ImageDecodeError.Unsupported, $"{source}: the {formatName} image uses a feature the decoder does not support ({ex.Message})", ex),
            ImageFormatException => new ImageDecodeException(
                source, ImageDecodeError.Corrupt, $"{source}: the {formatName} data is corrupt ({ex.Message})", ex),
            _ => new ImageDecodeException(
                source, ImageDecodeError.Corrupt, $"{source}: the {formatName} data is corrupt (the decoder failed with {ex.GetType().Name})", ex),
        };
    }
}
