using System;

namespace Plugins.Gui.Evaluation.Data;

/// <summary>The ScreenSpot splits: targets named by their visible text, and targets known by an icon's meaning.</summary>
public static class GroundingSplit
{
    /// <summary>The target is named by visible text (<c>text</c>).</summary>
    public const string Text = "text";

    /// <summary>The target is an icon, named by what it means (<c>icon</c>).</summary>
    public const string Icon = "icon";

    /// <summary>Whether <paramref name="value"/> is <see cref="Text"/> or <see cref="Icon"/> (exact, lower case).</summary>
    public static bool IsKnown(string? value) => string.Equals(value, Text, StringComparison.Ordinal) || string.Equals(value, Icon, StringComparison.Ordinal);
}
