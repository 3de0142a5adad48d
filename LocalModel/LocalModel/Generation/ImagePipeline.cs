using System;
using LocalModel.Imaging;
using LocalModel.Packaging;

namespace LocalModel.Generation;

/// <summary>Maps between a package's preprocessing section and <see cref="ImagePreprocessingOptions"/>.</summary>
public static class ImagePipeline
{
    /// <summary>Describes <paramref name="o"/> as a manifest preprocessing section.</summary>
    public static PreprocessingManifest ToManifest(ImagePreprocessingOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new PreprocessingManifest
        {
            Mode = o.ResizeMode == ImageResizeMode.PadToSquareThenResize ? "pad_to_square" : "shortest_edge_center_crop",
            ShortestEdge = o.ShortestEdge,
            ResizeHeight = o.ResizeHeight,
            ResizeWidth = o.ResizeWidth,
            DoResize = o.DoResize,
            DoCenterCrop = o.DoCenterCrop,
            DoRescale = o.DoRescale,
            DoNormalize = o.DoNormalize,
            CropHeight = o.CropHeight,
            CropWidth = o.CropWidth,
            RescaleFactor = o.RescaleFactor,
            ImageMean = new(o.ImageMean),
            ImageStd = new(o.ImageStd),
            Resample = o.Resampler == ImageResampler.Bilinear ? "bilinear" : "bicubic",
        };
    }

    /// <summary>Builds validated options from a manifest section.</summary>
    /// <exception cref="ArgumentException">A value is invalid.</exception>
    public static ImagePreprocessingOptions ToOptions(PreprocessingManifest p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var options = new ImagePreprocessingOptions
        {
            ResizeMode = p.Mode == "pad_to_square" ? ImageResizeMode.PadToSquareThenResize : ImageResizeMode.ShortestEdgeThenCenterCrop,
            ShortestEdge = p.ShortestEdge,
            ResizeHeight = p.ResizeHeight,
            ResizeWidth = p.ResizeWidth,
            DoResize = p.DoResize,
            DoCenterCrop = p.DoCenterCrop,
            DoRescale = p.DoRescale,
            DoNormalize = p.DoNormalize,
            CropHeight = p.CropHeight,
            CropWidth = p.CropWidth,
            RescaleFactor = p.RescaleFactor,
            ImageMean = p.ImageMean.ToArray(),
            ImageStd = p.ImageStd.ToArray(),
            Resampler = p.Resample == "bilinear" ? ImageResampler.Bilinear : ImageResampler.Bicubic,
        };
        options.Validate();
        return options;
    }
}
