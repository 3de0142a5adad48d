using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Plugins.Tools.Retrieval.Text;

/// <summary>
/// Query preprocessing for the dense retriever: slot values replaced by short typed words (<see cref="Normalize"/>)
/// and the query cut into clauses (<see cref="Clauses"/>). Pure and thread-safe.
/// </summary>
public static partial class QueryText
{
    /// <summary>
    /// Replaces slot-like tokens by a short typed phrase, so that the embedding reads what the user wants rather than
    /// the literal value: URLs become "a link", e-mail addresses "an email address", file names with an image extension
    /// (jpg, jpeg, png, gif, bmp, webp, heic, tiff) "a photo", other file names ("contract_v3.pdf") and paths
    /// ("/tmp/x") "a file", slash-separated names without an extension ("feature/checkout") "a branch", flight codes of
    /// two letters and 1-4 digits ("TP 1353") "a flight", clock times ("6:30 pm", "7 am") "a time", money with a
    /// currency sign ("$45", "€1,000") "an amount", and the remaining numbers ("1,000", "3.5") "a number".
    /// </summary>
    /// <param name="text">The query text.</param>
    /// <returns>The text with those tokens replaced (unchanged when it has none).</returns>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Url().Replace(text, "a link");
        text = Email().Replace(text, "an email address");
        text = ImageFile().Replace(text, "a photo");
        text = FileName().Replace(text, "a file");
        text = FilePath().Replace(text, "a file");
        text = SlashName().Replace(text, "a branch");
        text = FlightCode().Replace(text, "a flight");
        text = ClockTime().Replace(text, "a time");
        text = Money().Replace(text, "an amount");
        return Number().Replace(text, "a number");
    }

    /// <summary>
    /// Cuts <paramref name="text"/> into clauses: at sentence ends (<c>.</c>, <c>?</c>, <c>!</c> followed by a space),
    /// at <c>;</c> and at <c>:</c> not followed by a digit, at a comma followed by and/but/so/or/then/because, and at the words but/so/because
    /// elsewhere. Clauses of fewer than two words are dropped.
    /// </summary>
    /// <param name="text">The query text.</param>
    /// <returns>The clauses, trimmed, in order; empty when the text is one clause (or none has two words).</returns>
    public static IReadOnlyList<string> Clauses(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clauses = new List<string>();
        foreach (var part in ClauseBreak().Split(text))
        {
            var clause = part.Trim().TrimEnd('.', '?', '!', ',').Trim();
            if (clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2)
            {
                clauses.Add(clause);
            }
        }

        return clauses.Count >= 2 ? clauses : [];
    }

    [GeneratedRegex(@"\bhttps?://\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.(?i:jpe?g|png|gif|bmp|webp|heic|tiff?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ImageFile();

    [GeneratedRegex(@"(?<![\w/.-])[A-Za-z_][\w-]*(?:\.[\w-]+)*\.[A-Za-z][A-Za-z0-9]{1,4}\b(?!\.\w)", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex(@"(?<![\w.-])(?:~|\.{1,2})?/[\w.-]+(?:/[\w.-]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex FilePath();

    [GeneratedRegex(@"(?<![\w/.-])[A-Za-z][\w.-]*(?:/[\w.-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex SlashName();

    [GeneratedRegex(@"\b[A-Z]{2}\s?\d{1,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex FlightCode();

    [GeneratedRegex(@"\b\d{1,2}(?::\d{2})?\s?(?i:am|pm)\b|\b\d{1,2}:\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"[$€£¥]\s?\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Money();

    [GeneratedRegex(@"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.]\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"[.?!](?=\s)|;|:(?!\d)|,\s*(?=(?:and|but|so|or|then|because)\b)|\s(?=(?:but|so|because)\s)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();
}
