namespace LocalModel.Imaging;

/// <summary>Geometry of one preprocessing run: pad canvas, resize target, crop window.</summary>
internal struct PreprocessingPlan
{
    /// <summary>Canvas size after optional pad-to-square.</summary>
    public int CanvasWidth;

    /// <summary>Canvas height after optional pad-to-square.</summary>
    public int CanvasHeight;

    /// <summary>Offset of the image on the canvas (x).</summary>
    public int PadX;

    /// <summary>Offset of the image on the canvas (y).</summary>
    public int PadY;

    /// <summary>Size after resizing (may be huge for thin images; only the crop is computed).</summary>
    public long ResizedWidth;

    /// <summary>Height after resizing.</summary>
    public long ResizedHeight;

    /// <summary>Crop origin in resized coordinates; negative where the crop is larger.</summary>
    public int CropLeft;

    /// <summary>Crop origin (y) in resized coordinates.</summary>
    public int CropTop;

    /// <summary>Output width.</summary>
    public int OutWidth;

    /// <summary>Output height.</summary>
    public int OutHeight;
}
