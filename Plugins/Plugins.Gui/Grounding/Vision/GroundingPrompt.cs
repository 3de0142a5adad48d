using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;

namespace Plugins.Gui.Grounding.Vision;

/// <summary>
/// The grounding prompt templates embedded from <c>Prompts/Gui/*.md</c> (resource <c>Plugins.Gui.Prompts.&lt;file&gt;</c>),
/// with <c>{name}</c> placeholders filled in. Thread-safe; each template is read once.
/// </summary>
internal static class GroundingPrompt
{
    public const string Vision = "vision-grounding.md";

    public const string Hybrid = "hybrid-grounding.md";

    public const string DescribePoint = "describe-point.md";

    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>The template text of <paramref name="file"/>.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static string Template(string file) => Templates.GetOrAdd(file, static name =>
    {
        var resource = "Plugins.Gui.Prompts." + name;
        using var stream = typeof(GroundingPrompt).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The prompt resource '{resource}' is missing from Plugins.Gui; it is built from Prompts/Gui/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    });

    /// <summary>Fills <c>{key}</c> placeholders of <paramref name="template"/> (keys and values in pairs).</summary>
    public static string Fill(string template, params (string Key, object Value)[] values)
    {
        var text = template;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return text;
    }
}
