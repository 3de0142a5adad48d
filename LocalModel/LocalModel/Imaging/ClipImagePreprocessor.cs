using System;
using System.Collections.Generic;

namespace LocalModel.Imaging;

/// <summary>
/// Turns an <see cref="RgbImage"/> into the vision encoder's <c>pixel_values</c>: a float tensor
/// in CHW layout <c>[3, H, W]</c> (batches: <c>[N, 3, H, W]</c>), exactly as HuggingFace
/// <c>CLIPImageProcessor</c> on a PIL image computes it:
/// <list type="number">
/// <item>optional pad to square (LLaVA <c>expand2square</c>): fill colour
/// <c>int(mean * 255)</c> per channel (truncated, as LLaVA does), image pasted at offset
/// <c>(long - short) // 2</c>;</item>
/// <item>resize with Pillow's resampler (bit-exact, see <see cref="ImageResampler"/>): the short
/// side becomes <see cref="ImagePreprocessingOptions.ShortestEdge"/> and the long side
/// <c>int(size * long / short)</c>, or an exact height and width;</item>
/// <item>centre crop with <c>top = (h - crop_h) // 2</c>, <c>left = (w - crop_w) // 2</c> (floor
/// division); where the crop is larger than the image the border is 0 before rescaling, as in
/// transformers' <c>center_crop</c>;</item>
/// <item><c>x = float32(v * rescale_factor)</c> (computed in float64), then
/// <c>(x - mean) / std</c> in float32.</item>
/// </list>
/// Thread-safe: instances are immutable and share no mutable state.
/// </summary>
public sealed class ClipImagePreprocessor
{
    private const int MaxOutputPixels = ImagePreprocessingOptions.MaxSide * ImagePreprocessingOptions.MaxSide;

    // Value for each 8-bit input per channel: rescale and normalise give one float per byte value.
    private readonly float[][] _lookup;
    private readonly byte[] _padColour;

    /// <summary>Creates a preprocessor.</summary>
    /// <param name="options">The options; null means <see cref="ImagePreprocessingOptions"/>'s
    /// defaults (LLaVA-1.5: shortest edge 336, crop 336x336, bicubic, CLIP mean/std).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ClipImagePreprocessor(ImagePreprocessingOptions? options = null)
    {
        options ??= new ImagePreprocessingOptions();
        options.Validate();

        // Copy the channel values: later changes to the caller's lists cannot affect us.
        var mean = new[] { options.ImageMean[0], options.ImageMean[1], options.ImageMean[2] };
        var std = new[] { options.ImageStd[0], options.ImageStd[1], options.ImageStd[2] };
        Options = options with { ImageMean = Array.AsReadOnly(mean), ImageStd = Array.AsReadOnly(std) };

        _lookup = new float[3][];
        _padColour = new byte[3];
        for (var c = 0; c < 3; c++)
        {
            // transformers: normalize() casts mean and std to the image dtype (float32).
            var meanF = (float)mean[c];
            var stdF = (float)std[c];
            var table = new float[256];
            for (var v = 0; v < 256; v++)
            {
                // transformers rescale(): uint8 -> float64 * scale -> float32.
                var x = options.DoRescale ? (float)(v * options.RescaleFactor) : v;
                table[v] = options.DoNormalize ? (x - meanF) / stdF : x;
            }

            _lookup[c] = table;

            // LLaVA: tuple(int(x * 255) for x in image_processor.image_mean), truncated.
            _padColour[c] = (byte)Math.Clamp((int)Math.Clamp(mean[c] * 255, -1.0, 256.0), 0, 255);
        }
    }

    /// <summary>Gets the validated options, with private copies of the mean and std.</summary>
    public ImagePreprocessingOptions Options { get; }

    /// <summary>
    /// Gets the output height and width for an input of the given size. With centre cropping
    /// enabled (the default) this is the crop size whatever the input.
    /// </summary>
    /// <param name="imageWidth">Input width in pixels.</param>
    /// <param name="imageHeight">Input height in pixels.</param>
    /// <returns>The tensor's H and W.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the output
    /// (without a crop) would exceed 16384 x 16384 pixels.</exception>
    public (int Height, int Width) GetOutputSize(int imageWidth, int imageHeight)
    {
        var plan = CreatePlan(imageWidth, imageHeight);
        return (plan.OutHeight, plan.OutWidth);
    }

    /// <summary>Preprocesses one image into a new <c>[3, H, W]</c> array.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The normalised CHW tensor data.</returns>
    public float[] Preprocess(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plan = CreatePlan(image.Width, image.Height);
        var result = new float[3 * plan.OutHeight * plan.OutWidth];
        Write(image, plan, result);
        return result;
    }

    /// <summary>Preprocesses one image into <paramref name="destination"/>, which must hold
    /// exactly <c>3 * H * W</c> floats (see <see cref="GetOutputSize"/>).</summary>
    /// <param name="image">The image.</param>
    /// <param name="destination">Where the CHW tensor data is written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Preprocess(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plan = CreatePlan(image.Width, image.Height);
        var length = 3 * plan.OutHeight * plan.OutWidth;
        if (destination.Length != length)
        {
            throw new ArgumentException(
                $"Destination must hold 3x{plan.OutHeight}x{plan.OutWidth} = {length} floats, got {destination.Length}.",
                nameof(destination));
        }

        Write(image, plan, destination);
    }

    /// <summary>
    /// Preprocesses several images into one <c>[N, 3, H, W]</c> array. All images must give the
    /// same output size (always true with centre cropping, the default).
    /// </summary>
    /// <param name="images">The images, in batch order.</param>
    /// <returns>The batch tensor data.</returns>
    /// <exception cref="ArgumentException">The list is empty, holds null, or output sizes differ;
    /// the message names the image as <c>image #i</c>.</exception>
    public float[] PreprocessBatch(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("The batch holds no images.", nameof(images));
        }

        var plans = new PreprocessingPlan[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i] ?? throw new ArgumentException($"image #{i} is null.", nameof(images));
            plans[i] = CreatePlan(image.Width, image.Height);
            if (plans[i].OutHeight != plans[0].OutHeight || plans[i].OutWidth != plans[0].OutWidth)
            {
                throw new ArgumentException(
                    $"image #{i} gives a {plans[i].OutHeight}x{plans[i].OutWidth} tensor but image #0 gives "
                    + $"{plans[0].OutHeight}x{plans[0].OutWidth}; enable centre cropping or an exact size to batch them.",
                    nameof(images));
            }
        }

        var each = 3 * plans[0].OutHeight * plans[0].OutWidth;
        var result = new float[checked(each * images.Count)];
        for (var i = 0; i < images.Count; i++)
        {
            Write(images[i], plans[i], result.AsSpan(i * each, each));
        }

        return result;
    }

    /// <summary>The 8-bit pixels after pad, resize and crop (HWC), before rescaling.</summary>
    internal byte[] ResizeAndCrop(RgbImage image, out int height, out int width)
    {
        var plan = CreatePlan(image.Width, image.Height);
        height = plan.OutHeight;
        width = plan.OutWidth;
        return ResizeAndCrop(image, plan);
    }

    private byte[] ResizeAndCrop(RgbImage image, PreprocessingPlan plan)
    {
        var output = new byte[plan.OutHeight * plan.OutWidth * 3];
        var source = new CanvasSource(
            image, plan.CanvasWidth, plan.CanvasHeight, plan.PadX, plan.PadY, _padColour[0], _padColour[1], _padColour[2]);

        // The part of the resized image that the crop window covers; the rest stays 0 (padding).
        var x0 = Math.Max(0, plan.CropLeft);
        var y0 = Math.Max(0, plan.CropTop);
        var x1 = (int)Math.Min(plan.ResizedWidth, (long)plan.CropLeft + plan.OutWidth);
        var y1 = (int)Math.Min(plan.ResizedHeight, (long)plan.CropTop + plan.OutHeight);
        if (x1 <= x0 || y1 <= y0)
        {
            return output;
        }

        var stride = plan.OutWidth * 3;
        var start = ((y0 - plan.CropTop) * stride) + ((x0 - plan.CropLeft) * 3);
        PilResampler.Resize(
            source, (int)plan.ResizedWidth, (int)plan.ResizedHeight, Options.Resampler,
            x0, y0, x1 - x0, y1 - y0, output.AsSpan(start), stride);
        return output;
    }

    private void Write(RgbImage image, PreprocessingPlan plan, Span<float> destination)
    {
        var pixels = ResizeAndCrop(image, plan);
        var planeSize = plan.OutHeight * plan.OutWidth;
        for (var c = 0; c < 3; c++)
        {
            var table = _lookup[c];
            var plane = destination.Slice(c * planeSize, planeSize);
            for (int i = 0, p = c; i < planeSize; i++, p += 3)
            {
                plane[i] = table[pixels[p]];
            }
        }
    }

    private PreprocessingPlan CreatePlan(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        var o = Options;
        var plan = new PreprocessingPlan { CanvasWidth = imageWidth, CanvasHeight = imageHeight };

        if (o.ResizeMode == ImageResizeMode.PadToSquareThenResize && imageWidth != imageHeight)
        {
            var side = Math.Max(imageWidth, imageHeight);
            plan.CanvasWidth = side;
            plan.CanvasHeight = side;
            plan.PadX = (side - imageWidth) / 2;
            plan.PadY = (side - imageHeight) / 2;
        }

        plan.ResizedWidth = plan.CanvasWidth;
        plan.ResizedHeight = plan.CanvasHeight;
        if (o.DoResize)
        {
            if (o.ResizeHeight.HasValue)
            {
                plan.ResizedHeight = o.ResizeHeight.Value;
                plan.ResizedWidth = o.ResizeWidth!.Value;
            }
            else
            {
                // transformers get_resize_output_image_size(default_to_square=False):
                // new_long = int(size * long / short), a float division truncated towards zero.
                long w = plan.CanvasWidth, h = plan.CanvasHeight, size = o.ShortestEdge;
                var (shortSide, longSide) = w <= h ? (w, h) : (h, w);
                var newLong = (long)((double)(size * longSide) / shortSide);
                (plan.ResizedWidth, plan.ResizedHeight) = w <= h ? (size, newLong) : (newLong, size);
            }
        }

        if (plan.ResizedWidth > int.MaxValue || plan.ResizedHeight > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(imageWidth), $"Resizing a {imageWidth}x{imageHeight} image gives {plan.ResizedWidth}x{plan.ResizedHeight}, too large.");
        }

        if (o.DoCenterCrop)
        {
            plan.OutHeight = o.CropHeight;
            plan.OutWidth = o.CropWidth;

            // transformers center_crop: top = (orig_height - crop_height) // 2 (floor division).
            plan.CropTop = (int)FloorHalf(plan.ResizedHeight - o.CropHeight);
            plan.CropLeft = (int)FloorHalf(plan.ResizedWidth - o.CropWidth);
        }
        else
        {
            if (plan.ResizedWidth * plan.ResizedHeight > MaxOutputPixels)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(imageWidth),
                    $"Without a centre crop a {imageWidth}x{imageHeight} image gives a {plan.ResizedWidth}x{plan.ResizedHeight} tensor, over the {MaxOutputPixels} pixel limit.");
            }

            plan.OutHeight = (int)plan.ResizedHeight;
            plan.OutWidth = (int)plan.ResizedWidth;
        }

        return plan;
    }

    private static long FloorHalf(long value) => value >= 0 ? value / 2 : -((-value + 1) / 2);
}
