using System;
using System.Globalization;

namespace Plugins.Tools.Retrieval;

/// <summary>TEMPORARY tuning hook.</summary>
internal static class TuningEnv
{
    public static double Get(string name, double fallback) =>
        Environment.GetEnvironmentVariable(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
