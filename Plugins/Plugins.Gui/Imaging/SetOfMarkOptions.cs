using System;

namespace Plugins.Gui.Imaging;

/// <summary>How <see cref="SetOfMarkRenderer"/> draws marks.</summary>
public sealed class SetOfMarkOptions
{
    /// <summary>Box outline width in pixels: 2 by default; from 1 to 8.</summary>
    public float StrokeWidth { get; set; } = 2;

    /// <summary>Label text size in pixels: 12 by default; from 6 to 48.</summary>
    public float LabelTextSize { get; set; } = 12;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(StrokeWidth is >= 1 and <= 8))
        {
            throw new ArgumentOutOfRangeException(nameof(StrokeWidth), StrokeWidth, "SetOfMarkOptions.StrokeWidth must be between 1 and 8.");
        }

        if (!(LabelTextSize is >= 6 and <= 48))
        {
            throw new ArgumentOutOfRangeException(nameof(LabelTextSize), LabelTextSize, "SetOfMarkOptions.LabelTextSize must be between 6 and 48.");
        }
    }
}
