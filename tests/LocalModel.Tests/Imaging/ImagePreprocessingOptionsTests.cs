using System;
using System.IO;
using LocalModel.Imaging;

namespace LocalModel.Tests.Imaging;

public sealed class ImagePreprocessingOptionsTests
{
    // llava-hf/llava-1.5-7b-hf style (current transformers format).
    private const string LlavaConfig = """
        {
          "crop_size": {"height": 336, "width": 336},
          "do_center_crop": true,
          "do_convert_rgb": true,
          "do_normalize": true,
          "do_rescale": true,
          "do_resize": true,
          "image_mean": [0.48145466, 0.4578275, 0.40821073],
          "image_processor_type": "CLIPImageProcessor",
          "image_std": [0.26862954, 0.26130258, 0.27577711],
          "processor_class": "LlavaProcessor",
          "resample": 3,
          "rescale_factor": 0.00392156862745098,
          "size": {"shortest_edge": 336}
        }
        """;

    [Fact]
    public void Defaults_AreLlava15Clip336()
    {
        var options = new ImagePreprocessingOptions();

        Assert.Equal(ImageResizeMode.ShortestEdgeThenCenterCrop, options.ResizeMode);
        Assert.Equal((336, 336, 336), (options.ShortestEdge, options.CropHeight, options.CropWidth));
        Assert.True(options.DoResize && options.DoCenterCrop && options.DoRescale && options.DoNormalize);
        Assert.Equal(1.0 / 255.0, options.RescaleFactor);
        Assert.Equal([0.48145466, 0.4578275, 0.40821073], options.ImageMean);
        Assert.Equal([0.26862954, 0.26130258, 0.27577711], options.ImageStd);
        Assert.Equal(ImageResampler.Bicubic, options.Resampler);
        options.Validate();
    }

    [Fact]
    public void FromPreprocessorConfigJson_LlavaConfig_ReadsEveryField()
    {
        var options = ImagePreprocessingOptions.FromPreprocessorConfigJson(LlavaConfig);

        Assert.Equal(336, options.ShortestEdge);
        Assert.Null(options.ResizeHeight);
        Assert.Equal((336, 336), (options.CropHeight, options.CropWidth));
        Assert.Equal(0.00392156862745098, options.RescaleFactor);
        Assert.Equal(ImageResampler.Bicubic, options.Resampler);
        Assert.Equal(ImagePreprocessingOptions.ClipMean, options.ImageMean);
        Assert.Equal(ImagePreprocessingOptions.ClipStd, options.ImageStd);
    }

    [Fact]
    public void FromPreprocessorConfigJson_LegacyIntegerSizes_MeanShortestEdgeAndSquareCrop()
    {
        const string Json = """{"crop_size": 224, "size": 256, "resample": 2, "do_center_crop": true, "feature_extractor_type": "CLIPFeatureExtractor"}""";

        var options = ImagePreprocessingOptions.FromPreprocessorConfigJson(Json);

        Assert.Equal(256, options.ShortestEdge);
        Assert.Equal((224, 224), (options.CropHeight, options.CropWidth));
        Assert.Equal(ImageResampler.Bilinear, options.Resampler);
    }

    [Fact]
    public void FromPreprocessorConfigJson_HeightWidthSize_MeansExactResize()
    {
        var options = ImagePreprocessingOptions.FromPreprocessorConfigJson("""{"size": {"height": 384, "width": 512}, "do_center_crop": false}""");

        Assert.Equal((384, 512), (options.ResizeHeight, options.ResizeWidth));
        Assert.Equal((384, 512), new ClipImagePreprocessor(options).GetOutputSize(100, 100));
    }

    [Fact]
    public void FromPreprocessorConfigJson_MissingFields_TakeClipImageProcessorDefaults()
    {
        var options = ImagePreprocessingOptions.FromPreprocessorConfigJson("{}");

        Assert.Equal((224, 224, 224), (options.ShortestEdge, options.CropHeight, options.CropWidth));
        Assert.Equal(ImageResampler.Bicubic, options.Resampler);
        Assert.Equal(ImagePreprocessingOptions.ClipMean, options.ImageMean);
    }

    [Fact]
    public void FromPreprocessorConfigJson_SingleMeanValue_IsBroadcast()
    {
        var options = ImagePreprocessingOptions.FromPreprocessorConfigJson("""{"image_mean": 0.5, "image_std": 0.5}""");

        Assert.Equal([0.5, 0.5, 0.5], options.ImageMean);
        Assert.Equal([0.5, 0.5, 0.5], options.ImageStd);
    }

    [Theory]
    [InlineData("""{"crop_size": "big"}""", "field 'crop_size' must be an integer or {\"height\": h, \"width\": w}, got \"big\".")]
    [InlineData("""{"crop_size": {"height": 336}}""", "field 'crop_size' must be an integer or {\"height\": h, \"width\": w}, got object.")]
    [InlineData("""{"size": {"longest_edge": 336}}""", "field 'size' must be an integer, {\"shortest_edge\": n} or {\"height\": h, \"width\": w}, got object.")]
    [InlineData("""{"size": {"shortest_edge": 0}}""", "field 'size.shortest_edge' must be between 1 and 16384, got 0.")]
    [InlineData("""{"size": 33.5}""", "field 'size' must be an integer, {\"shortest_edge\": n} or {\"height\": h, \"width\": w}, got 33.5.")]
    [InlineData("""{"do_resize": "yes"}""", "field 'do_resize' must be true or false, got \"yes\".")]
    [InlineData("""{"rescale_factor": -1}""", "field 'rescale_factor' must be a positive number, got -1.")]
    [InlineData("""{"image_mean": [0.5, 0.5]}""", "field 'image_mean' must be a number or an array of 3 numbers, got array.")]
    [InlineData("""{"image_std": [0.2, 0, 0.3]}""", "field 'image_std' must be a positive number or an array of 3 positive numbers, got 0.")]
    [InlineData("""{"resample": 1}""", "field 'resample' is 1 (lanczos); only 2 (bilinear) and 3 (bicubic) are supported.")]
    [InlineData("""{"do_convert_rgb": 1}""", "field 'do_convert_rgb' must be true or false, got 1.")]
    [InlineData("""[1, 2]""", "expected a JSON object at the top level, got Array.")]
    public void FromPreprocessorConfigJson_MalformedField_ThrowsNamingFileAndField(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ImagePreprocessingOptions.FromPreprocessorConfigJson(json, "model/preprocessor_config.json"));

        Assert.Equal("model/preprocessor_config.json: " + expected, ex.Message);
    }

    [Fact]
    public void FromPreprocessorConfigJson_NotJson_ThrowsNamingTheFile()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ImagePreprocessingOptions.FromPreprocessorConfigJson("{\"size\": ", "cfg.json"));

        Assert.StartsWith("cfg.json: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPreprocessorConfig_File_MessageNamesTheFileName()
    {
        var directory = Directory.CreateTempSubdirectory("imaging-config-");
        try
        {
            var path = Path.Combine(directory.FullName, "preprocessor_config.json");
            File.WriteAllText(path, """{"crop_size": -5}""");

            var ex = Assert.Throws<InvalidDataException>(() => ImagePreprocessingOptions.FromPreprocessorConfig(path));

            Assert.Equal("preprocessor_config.json: field 'crop_size' must be between 1 and 16384, got -5.", ex.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromPreprocessorConfig_ValidFile_EqualsJsonOverload()
    {
        var directory = Directory.CreateTempSubdirectory("imaging-config-");
        try
        {
            var path = Path.Combine(directory.FullName, "preprocessor_config.json");
            File.WriteAllText(path, LlavaConfig);

            var options = ImagePreprocessingOptions.FromPreprocessorConfig(path) with { ResizeMode = ImageResizeMode.PadToSquareThenResize };

            Assert.Equal(336, options.CropWidth);
            Assert.Equal(ImageResizeMode.PadToSquareThenResize, options.ResizeMode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Validate_HeightWithoutWidth_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImagePreprocessingOptions { ResizeHeight = 100 }.Validate());

        Assert.Equal("ResizeHeight", ex.ParamName);
    }

    [Fact]
    public void Validate_TwoChannelMean_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImagePreprocessingOptions { ImageMean = [0.5, 0.5] }.Validate());

        Assert.Equal("ImageMean", ex.ParamName);
    }

    [Fact]
    public void Validate_NanRescaleFactor_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImagePreprocessingOptions { RescaleFactor = double.NaN }.Validate());

        Assert.Equal("RescaleFactor", ex.ParamName);
    }

    [Fact]
    public void Validate_UndefinedResampler_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImagePreprocessingOptions { Resampler = (ImageResampler)1 }.Validate());

        Assert.Equal("Resampler", ex.ParamName);
    }

    [Fact]
    public void Validate_NormalisationOffWithoutStd_IsAccepted()
    {
        new ImagePreprocessingOptions { DoNormalize = false, ImageStd = [] }.Validate();
    }
}
