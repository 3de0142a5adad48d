using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The affect prompt templates embedded from <c>Prompts/Affect/**</c> (resource <c>Plugins.Affect.Prompts.&lt;dir&gt;.&lt;file&gt;</c>),
/// with <c>{name}</c> placeholders filled in. Thread-safe; each template is read once.
/// </summary>
internal static partial class AffectPrompt
{
    public const string Classify = "Emotions.classify.md";

    public const string Intensity = "Emotions.intensity.md";

    public const string Valence = "Emotions.valence.md";

    public const string ValenceOrdinal = "Emotions.valence-ordinal.md";

    public const string Cause = "Emotions.cause.md";

    public const string Hints = "Emotions.hints.md";

    public const string Visual = "Visual.visual-emotion.md";

    public const string PolarityHint = "Visual.polarity-hint.md";

    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>The template text of <paramref name="file"/>.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static string Template(string file) => Templates.GetOrAdd(file, static name =>
    {
        var resource = "Plugins.Affect.Prompts." + name;
        using var stream = typeof(AffectPrompt).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The prompt resource '{resource}' is missing from Plugins.Affect; it is built from the file under Prompts/Affect/ with that name.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    });

    /// <summary>
    /// Returns user text ready to sit between the templates' <c>"""</c> delimiters: every run of three or more double
    /// quotes becomes <c>''</c>, so the text cannot close the quotation and pose as instructions after it (the text is
    /// untrusted; constrained decoding already confines the answer to the format).
    /// </summary>
    public static string Quoted(string text) => TripleQuotes().Replace(text, "''");

    /// <summary>
    /// Fills <c>{key}</c> placeholders of the template <paramref name="file"/> (keys and values in pairs, filled in
    /// order: put user text last, so placeholders inside it stay as typed). A placeholder filled with an empty value
    /// on a line of its own takes its line with it.
    /// </summary>
    public static string Fill(string file, params (string Key, object Value)[] values)
    {
        var text = Template(file);
        foreach (var (key, value) in values)
        {
            var placeholder = "{" + key + "}";
            var filled = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            if (filled.Length == 0)
            {
                text = text.Replace("\n" + placeholder + "\n", "\n", StringComparison.Ordinal);
            }

            text = text.Replace(placeholder, filled, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex("\"{3,}")]
    private static partial Regex TripleQuotes();
}
