using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Splits UI text into lower-case word tokens: on anything that is not a letter or a digit, and inside camelCase and
/// PascalCase words (<c>signInButton</c> is <c>sign</c>, <c>in</c>, <c>button</c>; <c>HTMLEditor</c> is
/// <c>html</c>, <c>editor</c>). Apostrophes inside a word are dropped (<c>don't</c> is <c>dont</c>). Common icon
/// glyphs become the word they stand for (<c>×</c> is <c>x</c>, <c>⚙</c> is <c>settings</c>, <c>🔍</c> is
/// <c>search</c>). Thread-safe (no state).
/// </summary>
public static class TextTokenizer
{
    private static readonly Dictionary<string, string> Glyphs = new(System.StringComparer.Ordinal)
    {
        ["×"] = "x", ["✕"] = "x", ["✖"] = "x", ["✗"] = "x", ["╳"] = "x",
        ["+"] = "plus", ["＋"] = "plus", ["➕"] = "plus",
        ["⚙"] = "settings", ["🔧"] = "settings",
        ["🔍"] = "search", ["🔎"] = "search", ["⌕"] = "search",
        ["🛒"] = "cart", ["🧺"] = "basket", ["🛍"] = "bag",
        ["☰"] = "menu", ["≡"] = "menu",
        ["⋮"] = "more", ["⋯"] = "more",
        ["★"] = "star", ["☆"] = "star", ["⭐"] = "star",
        ["♥"] = "heart", ["❤"] = "heart", ["♡"] = "heart",
        ["🗑"] = "trash", ["✎"] = "edit", ["✏"] = "edit", ["🖉"] = "edit",
        ["←"] = "back", ["→"] = "next", ["‹"] = "previous", ["›"] = "next", ["«"] = "previous", ["»"] = "next",
        ["🔔"] = "notifications", ["👤"] = "account", ["🏠"] = "home", ["⌂"] = "home",
        ["📎"] = "attach", ["🖨"] = "print", ["↻"] = "refresh", ["⟳"] = "refresh", ["🔄"] = "refresh",
        ["✉"] = "mail", ["📧"] = "email", ["↩"] = "reply", ["↪"] = "forward", ["📁"] = "folder",
        ["❓"] = "help", ["ⓘ"] = "info", ["ℹ"] = "info", ["✓"] = "check", ["✔"] = "check",
    };

    /// <summary>Lower-case word tokens of <paramref name="text"/>, in order; empty for null or blank text.</summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var current = new StringBuilder();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var previous = '\0';
        var previousWasLetterOrDigit = false;
        var elements = new List<string>();
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var c = element[0];
            if (element.Length == 1 && char.IsLetterOrDigit(c))
            {
                // camelCase: a lower-case letter or digit followed by an upper-case one starts a new word; in an
                // upper-case run ("HTMLEditor") the last capital before a lower-case letter starts the next word.
                if (current.Length > 0 && char.IsUpper(c))
                {
                    var nextIsLower = i + 1 < elements.Count && elements[i + 1].Length == 1 && char.IsLower(elements[i + 1][0]);
                    if (char.IsLower(previous) || (char.IsUpper(previous) && nextIsLower))
                    {
                        Flush(current, tokens);
                    }
                }

                current.Append(char.ToLowerInvariant(c));
                previous = c;
                previousWasLetterOrDigit = true;
                continue;
            }

            if ((c == '\'' || c == '’') && previousWasLetterOrDigit && i + 1 < elements.Count && elements[i + 1].Length == 1 && char.IsLetter(elements[i + 1][0]))
            {
                continue;
            }

            Flush(current, tokens);
            previous = '\0';
            previousWasLetterOrDigit = false;
            var glyph = element.TrimEnd('\uFE0F');
            if (Glyphs.TryGetValue(glyph, out var word))
            {
                tokens.Add(word);
            }
        }

        Flush(current, tokens);
        return tokens;
    }

    /// <summary>
    /// The text in a comparable form: its tokens joined by single spaces (<c>"Log-In!"</c> is <c>"log in"</c>).
    /// </summary>
    public static string Normalize(string? text) => string.Join(' ', Tokenize(text));

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
            current.Clear();
        }
    }
}
