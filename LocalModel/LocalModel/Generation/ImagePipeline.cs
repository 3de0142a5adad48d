using System;
using LocalModel.Imaging;
using LocalModel.Packaging;

namespace LocalModel.Generation;

/// <summary>Maps a package's preprocessing section onto <see cref="ImagePreprocessingOptions"/>.</summary>
internal static class ImagePipeline
{
    public static ImagePreprocessingOptions ToOptions(PreprocessingManifest p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var options = new ImagePreprocessingOptions
        {
            ResizeMode = p.Mode == "pad_to_square" ? ImageResizeMode.PadToSquareThenResize : ImageResizeMode.ShortestEdgeThenCenterCrop,
            ShortestEdge = p.ShortestEdge,
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
