using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace LocalModel.Tests.Imaging;

/// <summary>
/// Seeded, deterministic fuzzing of the whole load + preprocess path: every input must give a
/// tensor or an <see cref="ImageDecodeException"/>, within a time bound.
/// </summary>
public sealed class ImageFuzzTests(ITestOutputHelper output)
{
    private const int CaseCount = 12_000;
    private const int Seed = 20240611;
    private static readonly TimeSpan CaseTimeBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TotalTimeBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task LoadAndPreprocess_MutatedImages_GiveTensorOrImageDecodeException()
    {
        // Arrange
        var seeds = SeedImages();
        var loader = new ImageLoader(new ImageLoaderOptions { MaxPixels = 2_000_000 });
        var preprocessors = new[]
        {
            new ClipImagePreprocessor(new ImagePreprocessingOptions { ShortestEdge = 28, CropHeight = 28, CropWidth = 28 }),
            new ClipImagePreprocessor(new ImagePreprocessingOptions
            {
                ShortestEdge = 24, CropHeight = 24, CropWidth = 24, ResizeMode = ImageResizeMode.PadToSquareThenResize,
                Resampler = ImageResampler.Bilinear,
            }),
        };
        var failures = new ConcurrentBag<string>();
        var errors = new ConcurrentDictionary<ImageDecodeError, int>();
        var tensors = 0;
        var slowestTicks = 0L;
        var slowestCase = -1;
        var current = new int[Environment.ProcessorCount];

        // Act
        var stopwatch = Stopwatch.StartNew();
        var run = Task.Run(() => Parallel.For(0, CaseCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var data = Mutate(seeds, i);
            var preprocessor = preprocessors[i % preprocessors.Length];
            var started = Stopwatch.GetTimestamp();
            try
            {
                var image = loader.Load(data, $"case #{i}");
                var tensor = preprocessor.Preprocess(image);
                if (tensor.Length != 3 * preprocessor.Options.CropHeight * preprocessor.Options.CropWidth || tensor.Any(v => !float.IsFinite(v)))
                {
                    failures.Add($"case #{i}: bad tensor");
                }

                Interlocked.Increment(ref tensors);
            }
            catch (ImageDecodeException ex)
            {
                errors.AddOrUpdate(ex.Error, 1, (_, n) => n + 1);
                if (!ex.Message.StartsWith($"case #{i}: ", StringComparison.Ordinal) || ex.SourceName != $"case #{i}")
                {
                    failures.Add($"case #{i}: message does not name the source: {ex.Message}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"case #{i}: {ex.GetType().FullName}: {ex.Message}");
            }

            var elapsed = Stopwatch.GetTimestamp() - started;
            lock (failures)
            {
                if (elapsed > slowestTicks)
                {
                    slowestTicks = elapsed;
                    slowestCase = i;
                }
            }
        }));
        var finished = await Task.WhenAny(run, Task.Delay(TotalTimeBound)) == run;
        stopwatch.Stop();

        // Assert
        Assert.True(finished, $"fuzzing did not finish within {TotalTimeBound.TotalSeconds} s: a decoder hangs");
        var slowest = TimeSpan.FromSeconds((double)slowestTicks / Stopwatch.Frequency);
        output.WriteLine(
            $"{CaseCount} cases from {seeds.Count} seeds in {stopwatch.Elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} cores; "
            + $"slowest case #{slowestCase} {slowest.TotalMilliseconds:F0} ms; tensors {tensors}; "
            + string.Join(", ", errors.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g.:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(slowest < CaseTimeBound, $"case #{slowestCase} took {slowest.TotalSeconds:F2} s, over {CaseTimeBound.TotalSeconds} s");

        // The mutations must exercise both outcomes, or the test proves little.
        Assert.True(tensors > CaseCount / 20, $"only {tensors} cases decoded");
        Assert.True(CaseCount - tensors > CaseCount / 20, $"only {CaseCount - tensors} cases failed");
    }

    /// <summary>Valid encodings of small images in every supported format and several variants.</summary>
    internal static IReadOnlyList<byte[]> SeedImages()
    {
        var seeds = new List<byte[]>();
        using var rgb = Pattern<Rgb24>(23, 17, (x, y) => new Rgb24((byte)(x * 11), (byte)(y * 15), (byte)((x * y) + 40)));
        using var rgba = Pattern<Rgba32>(16, 20, (x, y) => new Rgba32((byte)(x * 16), (byte)(y * 12), 90, (byte)(x * y * 3)));

        seeds.Add(Encode(rgb, new PngEncoder()));
        seeds.Add(Encode(rgba, new PngEncoder()));
        seeds.Add(Encode(rgb, new PngEncoder { ColorType = PngColorType.Grayscale }));
        seeds.Add(Encode(rgba, new PngEncoder { ColorType = PngColorType.GrayscaleWithAlpha }));
        seeds.Add(Encode(rgb, new PngEncoder { ColorType = PngColorType.Palette }));
        seeds.Add(Encode(rgb, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb }));
        seeds.Add(Encode(rgb, new PngEncoder { InterlaceMethod = PngInterlaceMode.Adam7 }));
        seeds.Add(Encode(rgb, new JpegEncoder { Quality = 80, ColorType = JpegColorType.YCbCrRatio420 }));
        seeds.Add(Encode(rgb, new JpegEncoder { Quality = 95, ColorType = JpegColorType.YCbCrRatio444 }));
        seeds.Add(Encode(rgb, new JpegEncoder { ColorType = JpegColorType.Luminance }));
        seeds.Add(Encode(rgb, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 }));
        seeds.Add(Encode(rgba, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel32, SupportTransparency = true }));
        seeds.Add(Encode(rgb, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel8 }));
        seeds.Add(Encode(rgb, new GifEncoder()));
        seeds.Add(Encode(rgba, new GifEncoder()));
        seeds.Add(Encode(rgb, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 75 }));
        seeds.Add(Encode(rgb, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }));
        seeds.Add(Encode(rgba, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy }));

        // Pillow / libjpeg / libwebp encodings from the fixtures, including an animated GIF.
        foreach (var file in new[] { "photo_80x64.jpg", "palette_60x45.gif", "animated_32x32.gif", "lossy_48x40.webp", "lossless_48x40.webp", "gray_50x70.png", "tall_45x77.bmp" })
        {
            seeds.Add(ImagingFixtures.Bytes(file));
        }

        return seeds;
    }

    /// <summary>Case <paramref name="index"/>: a deterministic mutation of one seed (or noise).</summary>
    internal static byte[] Mutate(IReadOnlyList<byte[]> seeds, int index)
    {
        // Seeded per case (not HashCode, which is randomised per process) so any case can be replayed.
        var random = new Random(unchecked((Seed * 1_000_003) + (index * 7_919)) & int.MaxValue);
        var data = new List<byte>(seeds[random.Next(seeds.Count)]);
        var steps = 1 + random.Next(3);
        for (var s = 0; s < steps; s++)
        {
            switch (random.Next(10))
            {
                case 0: // truncate
                    data = data.Take(random.Next(data.Count + 1)).ToList();
                    break;
                case 1: // bit flips
                    for (var k = random.Next(1, 9); k > 0 && data.Count > 0; k--)
                    {
                        var at = random.Next(data.Count);
                        data[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 2: // insert random bytes
                    {
                        var bytes = new byte[random.Next(1, 17)];
                        random.NextBytes(bytes);
                        data.InsertRange(random.Next(data.Count + 1), bytes);
                        break;
                    }

                case 3: // delete bytes
                    if (data.Count > 0)
                    {
                        var at = random.Next(data.Count);
                        data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 17)));
                    }

                    break;
                case 4: // header swap: another seed's header, this seed's body
                    {
                        var other = seeds[random.Next(seeds.Count)];
                        var cut = random.Next(1, 64);
                        data = other.Take(cut).Concat(data.Skip(cut)).ToList();
                        break;
                    }

                case 5: // random bytes, sometimes behind a valid signature
                    {
                        var bytes = new byte[random.Next(0, 600)];
                        random.NextBytes(bytes);
                        var prefix = random.Next(2) == 0 ? seeds[random.Next(seeds.Count)].Take(random.Next(2, 40)) : [];
                        data = prefix.Concat(bytes).ToList();
                        break;
                    }

                case 6: // extreme value in a header field
                    if (data.Count > 8)
                    {
                        var at = random.Next(Math.Min(data.Count - 4, 80));
                        var value = random.Next(4) switch { 0 => 0u, 1 => 0xFFFFu, 2 => 0x7FFFFFFFu, _ => 0xFFFFFFFFu };
                        var width = random.Next(2) == 0 ? 2 : 4;
                        for (var b = 0; b < width; b++)
                        {
                            data[at + b] = (byte)(value >> (8 * b));
                        }
                    }

                    break;
                case 7: // overwrite a region with a constant
                    if (data.Count > 0)
                    {
                        var at = random.Next(data.Count);
                        var fill = (byte)(random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => random.Next(256) });
                        for (var k = at; k < Math.Min(data.Count, at + random.Next(1, 64)); k++)
                        {
                            data[k] = fill;
                        }
                    }

                    break;
                case 8: // duplicate a region
                    if (data.Count > 0)
                    {
                        var at = random.Next(data.Count);
                        var chunk = data.Skip(at).Take(random.Next(1, 128)).ToList();
                        data.InsertRange(random.Next(data.Count + 1), chunk);
                    }

                    break;
                default: // one random byte
                    if (data.Count > 0)
                    {
                        data[random.Next(data.Count)] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return data.ToArray();
    }

    private static Image<TPixel> Pattern<TPixel>(int width, int height, Func<int, int, TPixel> pixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var image = new Image<TPixel>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = pixel(x, y);
            }
        }

        return image;
    }

    private static byte[] Encode<TPixel>(Image<TPixel> image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }
}
