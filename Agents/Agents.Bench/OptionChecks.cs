using System;

namespace Agents.Bench;

/// <summary>The range checks of the benchmark options' setters.</summary>
internal static class OptionChecks
{
    /// <summary>Returns <paramref name="value"/> when it is at least <paramref name="min"/>; otherwise throws naming <paramref name="property"/>.</summary>
    public static int AtLeast(int value, int min, string property) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(property, value, $"{property} must be at least {min}.");
}
