using System;

namespace Plugins.Gui.Seeing;

/// <summary>
/// A PNG screenshot in CSS scale: image pixel (x, y) is viewport CSS pixel (x, y), at any device scale factor.
/// </summary>
/// <param name="Png">The encoded PNG.</param>
/// <param name="Width">Width in pixels (= CSS pixels).</param>
/// <param name="Height">Height in pixels (= CSS pixels).</param>
public sealed record PageScreenshot(ReadOnlyMemory<byte> Png, int Width, int Height);
