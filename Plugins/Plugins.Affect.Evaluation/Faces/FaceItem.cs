namespace Plugins.Affect.Evaluation.Faces;

/// <summary>A designed face before rendering: its record (the image path not yet written) and its SVG document.</summary>
/// <param name="Record">The record.</param>
/// <param name="Svg">The SVG document.</param>
/// <param name="Size">The image's width and height in pixels (256..448).</param>
public sealed record FaceItem(FaceRecord Record, string Svg, int Size);
