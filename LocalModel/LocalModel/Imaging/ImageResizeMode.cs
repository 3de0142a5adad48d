namespace LocalModel.Imaging;

/// <summary>
/// How an image of any aspect ratio is brought to the model's input size.
/// </summary>
public enum ImageResizeMode
{
    /// <summary>
    /// CLIPImageProcessor semantics (the default): resize so the shortest edge equals
    /// <see cref="ImagePreprocessingOptions.ShortestEdge"/> keeping the aspect ratio, then
    /// centre-crop to the crop size. Content near the long edges is cut off.
    /// </summary>
    ShortestEdgeThenCenterCrop = 0,

    /// <summary>
    /// LLaVA's <c>image_aspect_ratio: pad</c> (<c>expand2square</c>): pad the shorter side
    /// symmetrically to a square filled with the mean colour, then run the same resize and
    /// centre crop as <see cref="ShortestEdgeThenCenterCrop"/>. Nothing is cut off.
    /// </summary>
    PadToSquareThenResize = 1,
}
