namespace LocalModel.Imaging;

/// <summary>One image as Qwen2-VL vision input (<see cref="Qwen2VlImagePreprocessor"/>).</summary>
/// <param name="Pixels">Row-major <c>[GridHeight * GridWidth, 3 * T * P * P]</c>, merge-block order.</param>
/// <param name="GridHeight">Patch rows (resized height / patch size).</param>
/// <param name="GridWidth">Patch columns.</param>
/// <param name="ResizedHeight">The resized height in pixels (the frame Qwen2.5-VL's absolute coordinates refer to).</param>
/// <param name="ResizedWidth">The resized width in pixels.</param>
public sealed record Qwen2VlPatches(float[] Pixels, int GridHeight, int GridWidth, int ResizedHeight, int ResizedWidth);
