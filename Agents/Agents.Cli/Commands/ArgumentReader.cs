using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Agents.Cli.Commands;

/// <summary>
/// Parses <c>--name value</c>, <c>--name=value</c> and <c>--flag</c> arguments against a declared set of options;
/// unknown options, missing values and malformed numbers raise <see cref="UsageException"/> naming the option.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = new();

    public ArgumentReader(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                _positionals.Add(arg);
                continue;
            }

            string name = arg, value;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else if (flagOptions.Contains(name))
            {
                _flags.Add(name);
                continue;
            }
            else if (valueOptions.Contains(name))
            {
                if (!e.MoveNext())
                {
                    throw new UsageException($"Option {name} needs a value.");
                }

                value = e.Current;
            }
            else
            {
                throw new UsageException($"Unknown option '{name}'. Known: {string.Join(", ", valueOptions.Concat(flagOptions).OrderBy(s => s, StringComparer.Ordinal))}.");
            }

            if (!valueOptions.Contains(name))
            {
                throw new UsageException($"Option {name} takes no value.");
            }

            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = new List<string>();
            }

            list.Add(value);
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : Array.Empty<string>();

    public string Required(string name) => Value(name) ?? throw new UsageException($"Option {name} is required.");

    public int? Int(string name, int min = int.MinValue)
    {
        var v = Value(name);
        if (v is null)
        {
            return null;
        }

        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < min)
        {
            throw new UsageException($"Option {name} needs an integer{(min > int.MinValue ? $" >= {min}" : string.Empty)}, got '{v}'.");
        }

        return i;
    }

    public float? Float(string name, float min, float max)
    {
        var v = Value(name);
        if (v is null)
        {
            return null;
        }

        if (!float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || float.IsNaN(f) || f < min || f > max)
        {
            throw new UsageException($"Option {name} needs a number in [{min}, {max}], got '{v}'.");
        }

        return f;
    }

    public static int[] ParseIntList(string option, string text)
    {
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new UsageException($"Option {option} needs comma-separated integers, got '{text}'.");
        }
        catch (OverflowException)
        {
            throw new UsageException($"Option {option} has a number out of range: '{text}'.");
        }
    }
}
