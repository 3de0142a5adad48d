using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Plugins.Affect.Support;

/// <summary>
/// The support strategies a planner chooses from. <see cref="Default"/> is the ESConv set (Liu et al. 2021, "Towards
/// Emotional Support Dialog Systems"): question, restatement_or_paraphrasing, reflection_of_feelings, self_disclosure,
/// affirmation_and_reassurance, providing_suggestions, information, others, with our own definitions embedded from
/// <c>Prompts/Affect/Support/strategies.json</c> (no ESConv data). Names are matched exactly (ordinal). Immutable and thread-safe.
/// </summary>
public sealed class SupportStrategySet
{
    private const string DefaultResource = "Plugins.Affect.Prompts.Support.strategies.json";

    private static readonly Lazy<SupportStrategySet> DefaultSet = new(LoadDefault);

    private readonly Dictionary<string, int> _index;

    private SupportStrategySet(IReadOnlyList<SupportStrategy> strategies)
    {
        All = strategies;
        _index = strategies.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Gets the embedded ESConv set (eight strategies), loaded once.</summary>
    public static SupportStrategySet Default => DefaultSet.Value;

    /// <summary>Gets the strategies, in data order.</summary>
    public IReadOnlyList<SupportStrategy> All { get; }

    /// <summary>Gets the strategy names, in data order.</summary>
    public IReadOnlyList<string> Names => All.Select(s => s.Name).ToList();

    /// <summary>Reads and validates a set: <c>{"strategies": [{"name", "definition"}]}</c>, names unique snake_case.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Names the data in error messages.</param>
    /// <returns>The set.</returns>
    /// <exception cref="FormatException">The JSON is malformed, a field is missing or empty, a name repeats or is not snake_case, or there are fewer than two strategies.</exception>
    public static SupportStrategySet Parse(string json, string source = "strategies.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("strategies", out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{source} must be an object with a \"strategies\" array.");
            }

            var strategies = new List<SupportStrategy>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var entry in array.EnumerateArray())
            {
                var where = $"{source}: strategies[{index++}]";
                var name = Field(entry, "name", where);
                var definition = Field(entry, "definition", where);
                if (!name.All(c => c is (>= 'a' and <= 'z') or '_'))
                {
                    throw new FormatException($"{where}: the name '{name}' must be snake_case (lower-case letters and underscores).");
                }

                if (!names.Add(name))
                {
                    throw new FormatException($"{where}: the name '{name}' is used twice; names must be unique.");
                }

                strategies.Add(new SupportStrategy(name, definition));
            }

            if (strategies.Count < 2)
            {
                throw new FormatException($"{source} holds {strategies.Count} strategies; give at least two.");
            }

            return new SupportStrategySet(strategies);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The strategy named <paramref name="name"/> (exact, ordinal), or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The strategy, or <see langword="null"/> when the set has no such name.</returns>
    public SupportStrategy? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out var i) ? All[i] : null;
    }

    /// <summary>The strategy named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="parameterName">The caller's parameter, named in the error.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException">The set has no such strategy; the message lists the names.</exception>
    public SupportStrategy Get(string name, string parameterName = "strategy") =>
        Find(name ?? throw new ArgumentNullException(parameterName))
        ?? throw new ArgumentException($"'{name}' is not a support strategy; use one of {string.Join(", ", Names)}.", parameterName);

    /// <summary>The position of <paramref name="name"/> in <see cref="All"/>, or -1.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The index, or -1 when unknown.</returns>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    private static string Field(JsonElement entry, string name, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new FormatException($"{where}: \"{name}\" is missing or empty; give it a non-empty string.");
        }

        return value.GetString()!.Trim();
    }

    private static SupportStrategySet LoadDefault()
    {
        using var stream = typeof(SupportStrategySet).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource '{DefaultResource}' is missing from Plugins.Affect; it is built from Prompts/Affect/Support/strategies.json.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "Prompts/Affect/Support/strategies.json");
    }
}
