using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using LocalModel.Pruning;

namespace Agents.Cli.Commands;

/// <summary>
/// Option factories for the value kinds the commands take. Each parser reports a malformed value as a parse error
/// naming the option and the value, so it exits 2 before any model is touched.
/// </summary>
internal static class CliOptions
{
    /// <summary>A text option.</summary>
    public static Option<string> Text(string name, string description, string helpName, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>A text option with a default shown in help.</summary>
    public static Option<string> Text(string name, string description, string helpName, string defaultValue) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };

    /// <summary>A text option that takes one of <paramref name="choices"/>, with the first as its default.</summary>
    public static Option<string> Choice(string name, string description, params string[] choices)
    {
        var option = Parsed<string>(name, description, string.Join('|', choices), (string t, out string v) => choices.Contains(v = t, StringComparer.Ordinal), t => $"{name} must be one of {string.Join(", ", choices)}, got '{t}'.");
        option.DefaultValueFactory = _ => choices[0];
        return option;
    }

    /// <summary>A text option that may be given several times.</summary>
    public static Option<string[]> Repeated(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => Array.Empty<string>() };

    /// <summary>A flag.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>An integer option of at least <paramref name="min"/>, with a default.</summary>
    public static Option<int> Int(string name, string description, int min, int defaultValue)
    {
        var option = Parsed(name, description, "N", (string t, out int v) => TryParseInt(t, min, out v), t => IntError(name, min, t));
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>An integer option without a default (null when absent).</summary>
    public static Option<int?> OptionalInt(string name, string description) =>
        Parsed(name, description, "N", (string t, out int? v) => (v = TryParseInt(t, int.MinValue, out var i) ? i : null) is not null, t => IntError(name, int.MinValue, t));

    /// <summary>A number option in [<paramref name="min"/>, <paramref name="max"/>], with a default.</summary>
    public static Option<float> Float(string name, string description, float min, float max, float defaultValue)
    {
        var option = Parsed(
            name,
            description,
            "X",
            (string t, out float v) => float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && !float.IsNaN(v) && v >= min && v <= max,
            t => string.Create(CultureInfo.InvariantCulture, $"{name} needs a number in [{min}, {max}], got '{t}'."));
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>A comma-separated list of integers (absent: see <see cref="ValueIfGiven"/>).</summary>
    public static Option<int[]?> IntList(string name, string description, string helpName) =>
        ParsedList(name, description, helpName, (string t, out int v) => TryParseInt(t, int.MinValue, out v), (text, _) => $"{name} needs comma-separated integers, got '{text}'.");

    /// <summary>A comma-separated list of visual-token budgets (absent: see <see cref="ValueIfGiven"/>).</summary>
    public static Option<VisualTokenBudget[]?> Budgets(string name, string description) =>
        ParsedList<VisualTokenBudget>(name, description, "list", VisualTokenBudget.TryParse, (_, bad) => $"{name} has '{bad}'; use {VisualTokenBudget.AcceptedForms}.");

    /// <summary>One visual-token budget (null when absent).</summary>
    public static Option<VisualTokenBudget?> Budget(string name, string description) =>
        Parsed<VisualTokenBudget?>(name, description, "count|percent", (string t, out VisualTokenBudget? v) => VisualTokenBudget.TryParse(t, out v), t => $"{name} '{t}' is not a budget; use {VisualTokenBudget.AcceptedForms}.");

    /// <summary>A comma-separated list of pruning method names, each checked against the registry (absent: see <see cref="ValueIfGiven"/>).</summary>
    public static Option<string[]?> Methods(string name, string description) =>
        ParsedList(name, description, "list", (string t, out string v) => VisualTokenSelectors.IsKnown(v = t), (_, bad) => $"{name} has unknown '{bad}'; use one of: {KnownMethods}.");

    /// <summary>One pruning method name, checked against the registry (null when absent).</summary>
    public static Option<string?> Method(string name, string description) =>
        Parsed<string?>(name, description, "method", (string t, out string? v) => VisualTokenSelectors.IsKnown(v = t), t => $"{name} '{t}' is unknown; use one of: {KnownMethods}.");

    /// <summary>
    /// Returns the option's value when it was given on the command line, else null (System.CommandLine gives an empty
    /// array for an absent list option, which would read as "an empty list").
    /// </summary>
    public static T? ValueIfGiven<T>(this ParseResult parse, Option<T?> option)
        where T : class =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    /// <summary>Gets every pruning method name, comma-separated.</summary>
    public static string KnownMethods => string.Join(", ", VisualTokenSelectors.MethodNames.Concat(VisualTokenSelectors.InLlmMethodNames));

    /// <summary>An option whose last value is parsed by <paramref name="tryParse"/>; a refused value is a parse error with <paramref name="error"/>'s message.</summary>
    private static Option<T> Parsed<T>(string name, string description, string helpName, TryParse<T> tryParse, Func<string, string> error) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r =>
            {
                var text = r.Tokens[^1].Value;
                if (tryParse(text, out var value))
                {
                    return value;
                }

                r.AddError(error(text));
                return default!;
            },
        };

    /// <summary>A comma-separated list option, each item parsed by <paramref name="tryParse"/>; <paramref name="error"/> gets the whole text and the refused item.</summary>
    private static Option<T[]?> ParsedList<T>(string name, string description, string helpName, TryParse<T> tryParse, Func<string, string, string> error) =>
        Parsed<T[]?>(
            name,
            description,
            helpName,
            (string text, out T[]? values) =>
            {
                var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                values = new T[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!tryParse(parts[i], out values[i]))
                    {
                        values = null;
                        return false;
                    }
                }

                return true;
            },
            text => error(text, text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).First(p => !tryParse(p, out _))));

    private static bool TryParseInt(string text, int min, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min;

    private static string IntError(string name, int min, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} needs an integer{(min > int.MinValue ? $" >= {min}" : string.Empty)}, got '{text}'.");

    /// <summary>Parses one value.</summary>
    private delegate bool TryParse<T>(string text, out T value);
}
