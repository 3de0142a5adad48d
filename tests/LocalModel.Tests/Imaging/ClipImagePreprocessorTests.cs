using System;
using System.Diagnostics;
using System.Linq;
using LocalModel.Imaging;

namespace LocalModel.Tests.Imaging;

public sealed class ClipImagePreprocessorTests
{
    [Fact]
    public void GetOutputSize_DefaultOptions_IsLlava336Crop()
    {
        var preprocessor = new ClipImagePreprocessor();

        Assert.Equal((336, 336), preprocessor.GetOutputSize(1920, 1080));
        Assert.Equal((336, 336), preprocessor.GetOutputSize(7, 3));
    }

    [Theory]
    [InlineData(3, 5, 10, 16, 10)] // 10 * 5 / 3 = 16.67 -> 16 (int() truncates; rounding would give 17)
    [InlineData(5, 3, 10, 10, 16)]
    [InlineData(400, 500, 336, 420, 336)]
    [InlineData(640, 480, 336, 336, 448)]
    [InlineData(1, 40000, 24, 960000, 24)]
    [InlineData(1, 40000, 16384, 655360000, 16384)] // over the 16384^2 output limit without a crop
    public void GetOutputSize_ShortestEdgeWithoutCrop_TruncatesTheLongSideLikeTransformers(int width, int height, int size, int expectedHeight, int expectedWidth)
    {
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ShortestEdge = size, DoCenterCrop = false });

        if ((long)expectedHeight * expectedWidth > 16384L * 16384)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => preprocessor.GetOutputSize(width, height));
        }
        else
        {
            Assert.Equal((expectedHeight, expectedWidth), preprocessor.GetOutputSize(width, height));
        }
    }

    [Fact]
    public void Preprocess_NoResize_AppliesTransformersRescaleAndNormaliseInFloat32()
    {
        var pixels = new byte[] { 0, 1, 2, 127, 128, 129, 253, 254, 255, 17, 99, 201 };
        var image = new RgbImage(2, 2, pixels);
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { DoResize = false, CropHeight = 2, CropWidth = 2 });

        var tensor = preprocessor.Preprocess(image);

        // numpy: (uint8 * scale) in float64 -> float32, then (x - float32(mean)) / float32(std).
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < 4; i++)
            {
                var x = (float)(pixels[(i * 3) + c] * (1.0 / 255.0));
                var expected = (x - (float)ImagePreprocessingOptions.ClipMean[c]) / (float)ImagePreprocessingOptions.ClipStd[c];
                Assert.Equal(expected, tensor[(c * 4) + i]);
            }
        }
    }

    [Fact]
    public void Preprocess_CropLargerThanImage_PadsWithZeroBeforeNormalising()
    {
        var image = new RgbImage(1, 1, new byte[] { 255, 255, 255 });
        var options = new ImagePreprocessingOptions { DoResize = false, CropHeight = 3, CropWidth = 3, DoNormalize = false };

        var tensor = new ClipImagePreprocessor(options).Preprocess(image);

        // transformers center_crop: top = (1 - 3) // 2 = -1, so the pixel lands at (1, 1).
        var plane = new float[] { 0, 0, 0, 0, 1, 0, 0, 0, 0 };
        Assert.Equal(plane.Concat(plane).Concat(plane), tensor);
    }

    [Fact]
    public void ResizeAndCrop_PadToSquare_UsesLlavaTruncatedMeanColour()
    {
        var image = new RgbImage(4, 2, Enumerable.Repeat((byte)255, 4 * 2 * 3).ToArray());
        var options = new ImagePreprocessingOptions { ResizeMode = ImageResizeMode.PadToSquareThenResize, DoResize = false, DoCenterCrop = false };

        var pixels = new ClipImagePreprocessor(options).ResizeAndCrop(image, out var height, out var width);

        // int(x * 255) for the CLIP mean is (122, 116, 104); rounding would give (123, 117, 104).
        Assert.Equal((4, 4), (height, width));
        var pad = new byte[] { 122, 116, 104 };
        Assert.Equal(Enumerable.Repeat(pad, 4).SelectMany(p => p), pixels[..12]);
        Assert.All(pixels[12..36], b => Assert.Equal(255, b));
        Assert.Equal(Enumerable.Repeat(pad, 4).SelectMany(p => p), pixels[36..]);
    }

    [Theory]
    [InlineData(ImageResampler.Bicubic, 37, 23, 16)]
    [InlineData(ImageResampler.Bicubic, 9, 40, 24)]
    [InlineData(ImageResampler.Bilinear, 31, 7, 12)]
    [InlineData(ImageResampler.Bicubic, 5, 3, 20)]
    public void ResizeAndCrop_PadMode_EqualsResizingTheMaterialisedCanvas(ImageResampler resampler, int width, int height, int size)
    {
        // The pad mode sums padding taps as weight x colour; this must equal PIL's sum over a
        // real canvas, so compare with an explicitly padded image in the plain mode.
        var image = RandomImage(width, height, seed: width * 31 + height);
        var padded = Pad(image, 122, 116, 104);
        var baseOptions = new ImagePreprocessingOptions { ShortestEdge = size, CropHeight = size - 3, CropWidth = size - 1, Resampler = resampler };

        var viaPadMode = new ClipImagePreprocessor(baseOptions with { ResizeMode = ImageResizeMode.PadToSquareThenResize })
            .ResizeAndCrop(image, out _, out _);
        var viaCanvas = new ClipImagePreprocessor(baseOptions).ResizeAndCrop(padded, out _, out _);

        Assert.Equal(viaCanvas, viaPadMode);
    }

    [Theory]
    [InlineData(53, 29, 20, ImageResampler.Bicubic)]
    [InlineData(29, 53, 47, ImageResampler.Bilinear)]
    [InlineData(12, 12, 30, ImageResampler.Bicubic)]
    public void ResizeAndCrop_CropWindow_EqualsTheSameRegionOfTheFullResize(int width, int height, int size, ImageResampler resampler)
    {
        var image = RandomImage(width, height, seed: 5);
        var options = new ImagePreprocessingOptions { ShortestEdge = size, CropHeight = size - 5, CropWidth = size - 2, Resampler = resampler };
        var full = new ClipImagePreprocessor(options with { DoCenterCrop = false }).ResizeAndCrop(image, out var fullHeight, out var fullWidth);

        var cropped = new ClipImagePreprocessor(options).ResizeAndCrop(image, out var height2, out var width2);

        var top = (fullHeight - height2) / 2;
        var left = (fullWidth - width2) / 2;
        for (var y = 0; y < height2; y++)
        {
            Assert.Equal(
                full.AsSpan(((top + y) * fullWidth + left) * 3, width2 * 3).ToArray(),
                cropped.AsSpan(y * width2 * 3, width2 * 3).ToArray());
        }
    }

    [Fact]
    public void Preprocess_ThinImageInPadMode_CostsTheImageNotTheCanvas()
    {
        // 30000x1 padded to square is a 30000x30000 canvas (2.7 GB if materialised).
        var image = RandomImage(30000, 1, seed: 3);
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ResizeMode = ImageResizeMode.PadToSquareThenResize });

        var stopwatch = Stopwatch.StartNew();
        var tensor = preprocessor.Preprocess(image);
        stopwatch.Stop();

        Assert.Equal(3 * 336 * 336, tensor.Length);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Preprocess_ExtremeAspectRatio_ComputesOnlyTheCrop()
    {
        // Shortest edge 336 makes this 336 x 13,440,000 before cropping; only the crop is computed.
        var image = RandomImage(1, 40000, seed: 4);

        var tensor = new ClipImagePreprocessor().Preprocess(image);

        Assert.Equal(3 * 336 * 336, tensor.Length);
        Assert.All(tensor, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void PreprocessBatch_TwoImages_ConcatenatesTheSingleResultsInOrder()
    {
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ShortestEdge = 32, CropHeight = 32, CropWidth = 32 });
        var a = RandomImage(50, 40, seed: 1);
        var b = RandomImage(33, 70, seed: 2);

        var batch = preprocessor.PreprocessBatch([a, b]);

        Assert.Equal(preprocessor.Preprocess(a).Concat(preprocessor.Preprocess(b)), batch);
    }

    [Fact]
    public void PreprocessBatch_DifferentSizesWithoutCrop_ThrowsNamingTheImage()
    {
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ShortestEdge = 8, DoCenterCrop = false });

        var ex = Assert.Throws<ArgumentException>(() => preprocessor.PreprocessBatch([RandomImage(8, 8, 1), RandomImage(16, 8, 2)]));

        Assert.StartsWith("image #1 gives a 8x16 tensor but image #0 gives 8x8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preprocess_SpanOfWrongLength_Throws()
    {
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ShortestEdge = 4, CropHeight = 4, CropWidth = 4 });

        var ex = Assert.Throws<ArgumentException>(() => preprocessor.Preprocess(RandomImage(4, 4, 1), new float[47]));

        Assert.Contains("3x4x4 = 48 floats, got 47", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preprocess_SpanOverload_EqualsArrayOverload()
    {
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ShortestEdge = 9, CropHeight = 7, CropWidth = 9 });
        var image = RandomImage(20, 13, 9);
        var destination = new float[3 * 7 * 9];

        preprocessor.Preprocess(image, destination);

        Assert.Equal(preprocessor.Preprocess(image), destination);
    }

    [Fact]
    public void Constructor_CallerChangesMeanArrayLater_OutputUnchanged()
    {
        var mean = new[] { 0.5, 0.5, 0.5 };
        var preprocessor = new ClipImagePreprocessor(new ImagePreprocessingOptions { ImageMean = mean, DoResize = false, CropHeight = 1, CropWidth = 1 });
        var image = new RgbImage(1, 1, new byte[] { 255, 255, 255 });
        var before = preprocessor.Preprocess(image);

        mean[0] = 0.0;

        Assert.Equal(before, preprocessor.Preprocess(image));
        Assert.Equal(0.5, preprocessor.Options.ImageMean[0]);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClipImagePreprocessor(new ImagePreprocessingOptions { CropWidth = 0 }));

        Assert.Equal("CropWidth", ex.ParamName);
    }

    internal static RgbImage RandomImage(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage Pad(RgbImage image, byte r, byte g, byte b)
    {
        var side = Math.Max(image.Width, image.Height);
        var x0 = (side - image.Width) / 2;
        var y0 = (side - image.Height) / 2;
        var canvas = new byte[side * side * 3];
        for (var i = 0; i < side * side; i++)
        {
            canvas[i * 3] = r;
            canvas[(i * 3) + 1] = g;
            canvas[(i * 3) + 2] = b;
        }

        var source = image.Pixels.Span;
        for (var y = 0; y < image.Height; y++)
        {
            source.Slice(y * image.Width * 3, image.Width * 3).CopyTo(canvas.AsSpan((((y0 + y) * side) + x0) * 3));
        }

        return new RgbImage(side, side, canvas);
    }
}
