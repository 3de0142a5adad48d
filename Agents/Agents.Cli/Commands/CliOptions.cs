using System;
using System.CommandLine;
using System.CommandLine.Parsing;
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
    public static Option<string> Choice(string name, string description, params string[] choices) =>
        new(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            DefaultValueFactory = _ => choices[0],
            CustomParser = r =>
            {
                var text = r.Tokens[^1].Value;
                if (!choices.Contains(text, StringComparer.Ordinal))
                {
                    r.AddError($"{name} must be one of {string.Join(", ", choices)}, got '{text}'.");
                }

                return text;
            },
        };

    /// <summary>A text option that may be given several times.</summary>
    public static Option<string[]> Repeated(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => Array.Empty<string>() };

    /// <summary>A flag.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>An integer option of at least <paramref name="min"/>, with a default.</summary>
    public static Option<int> Int(string name, string description, int min, int defaultValue) =>
        new(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseInt(r, name, min) ?? defaultValue };

    /// <summary>An integer option without a default (null when absent).</summary>
    public static Option<int?> OptionalInt(string name, string description) =>
        new(name) { Description = description, HelpName = "N", CustomParser = r => ParseInt(r, name, int.MinValue) };

    /// <summary>A number option in [<paramref name="min"/>, <paramref name="max"/>], with a default.</summary>
    public static Option<float> Float(string name, string description, float min, float max, float defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = "X",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens[^1].Value;
                if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || float.IsNaN(f) || f < min || f > max)
                {
                    r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} needs a number in [{min}, {max}], got '{text}'."));
                    return defaultValue;
                }

                return f;
            },
        };

    /// <summary>A comma-separated list of integers (null when absent).</summary>
    public static Option<int[]?> IntList(string name, string description, string helpName) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r =>
            {
                var text = r.Tokens[^1].Value;
                var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var values = new int[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                    {
                        r.AddError($"{name} needs comma-separated integers, got '{text}'.");
                        return null;
                    }
                }

                return values;
            },
        };

    /// <summary>A comma-separated list of visual-token budgets (null when absent).</summary>
    public static Option<VisualTokenBudget[]?> Budgets(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "list",
            CustomParser = r =>
            {
                var parts = r.Tokens[^1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var bad = parts.FirstOrDefault(p => !VisualTokenBudget.TryParse(p, out _));
                if (bad is not null)
                {
                    r.AddError($"{name} has '{bad}'; use {VisualTokenBudget.AcceptedForms}.");
                    return null;
                }

                return parts.Select(VisualTokenBudget.Parse).ToArray();
            },
        };

    /// <summary>One visual-token budget (null when absent).</summary>
    public static Option<VisualTokenBudget?> Budget(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "count|percent",
            CustomParser = r =>
            {
                var text = r.Tokens[^1].Value;
                if (!VisualTokenBudget.TryParse(text, out var budget))
                {
                    r.AddError($"{name} '{text}' is not a budget; use {VisualTokenBudget.AcceptedForms}.");
                    return null;
                }

                return budget;
            },
        };

    /// <summary>A comma-separated list of pruning method names, each checked against the registry (null when absent).</summary>
    public static Option<string[]?> Methods(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "list",
            CustomParser = r =>
            {
                var methods = r.Tokens[^1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var unknown = methods.FirstOrDefault(m => !VisualTokenSelectors.IsKnown(m));
                if (unknown is not null)
                {
                    r.AddError($"{name} has unknown '{unknown}'; use one of: {KnownMethods}.");
                    return null;
                }

                return methods;
            },
        };

    /// <summary>One pruning method name, checked against the registry (null when absent).</summary>
    public static Option<string?> Method(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "method",
            CustomParser = r =>
            {
                var method = r.Tokens[^1].Value;
                if (!VisualTokenSelectors.IsKnown(method))
                {
                    r.AddError($"{name} '{method}' is unknown; use one of: {KnownMethods}.");
                    return null;
                }

                return method;
            },
        };

    /// <summary>
    /// Returns the option's value when it was given on the command line, else null (System.CommandLine gives an empty
    /// array for an absent list option, which would read as "an empty list").
    /// </summary>
    public static T? ValueIfGiven<T>(this ParseResult parse, Option<T?> option)
        where T : class =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    /// <summary>Gets every pruning method name, comma-separated.</summary>
    public static string KnownMethods => string.Join(", ", VisualTokenSelectors.MethodNames.Concat(VisualTokenSelectors.InLlmMethodNames));

    private static int? ParseInt(ArgumentResult r, string name, int min)
    {
        var text = r.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < min)
        {
            r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} needs an integer{(min > int.MinValue ? $" >= {min}" : string.Empty)}, got '{text}'."));
            return null;
        }

        return i;
    }
}
