using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Plugins.Tools.Evaluation.Data;
using Plugins.Tools.Evaluation.Overlap;

namespace Plugins.Tools.Evaluation.Generation;

/// <summary>
/// Writes seeded tool-selection data sets: a catalogue of synonym groups (the same function offered by several
/// plugins under differently worded names and descriptions, next to near-miss groups of the same domain) and held-out
/// queries filled from templates and slot values, a share of them everyday paraphrases and a share with an image
/// (PNG files in <c>images/</c> beside the data file). Every query's <c>acceptable</c> set is its whole synonym group.
/// The share of low-overlap queries is measured with <see cref="LexicalOverlap"/> and must reach
/// <see cref="MinLowOverlapShare"/>. The same options give the same bytes. Thread-safe (no state).
/// </summary>
public static partial class ToolDataGenerator
{
    /// <summary>The least share of low-overlap queries a generated set must have: 0.25.</summary>
    public const double MinLowOverlapShare = 0.25;

    /// <summary>Gets the most tools a catalogue can have (every variant of every group).</summary>
    public static int MaxToolCount => CatalogueSpec.Shared.VariantCount;

    /// <summary>
    /// Gets the values the instruction templates' slots are filled with, by slot name (<c>city</c>, <c>amount</c>, ...),
    /// as in the embedded <c>slots.json</c>; both splits draw from the same values (only the templates are disjoint).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> SlotValues => CatalogueSpec.Shared.Slots;

    /// <summary>Generates the data set <paramref name="options"/> describe and writes it.</summary>
    /// <param name="options">What to write.</param>
    /// <param name="progress">Told after each query, or null.</param>
    /// <param name="cancellationToken">Cancels generation (before the files are written).</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The low-overlap share came out under <see cref="MinLowOverlapShare"/> (too few queries or too low a paraphrase share).</exception>
    public static ToolDataSummary Generate(ToolDataGeneratorOptions options, IProgress<ToolDataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var spec = CatalogueSpec.Shared;
        var random = SeededRandom.For(options.Seed, 0);
        var (tools, toolsByGroup) = BuildTools(spec, options.ToolCount, random);

        var textGroups = new GroupCycle(spec.Groups.Where(g => g.Image is null).ToArray(), random);
        var imageGroups = new GroupCycle(spec.Groups.Where(g => g.Image is not null).ToArray(), random);
        var queries = new List<ToolQueryRecord>(options.QueryCount);
        var images = new List<(string File, string Kind, int Index)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var lowOverlap = 0;
        for (var i = 0; i < options.QueryCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var withImage = random.Chance(options.ImageShare);
            var group = withImage ? imageGroups.Next() : textGroups.Next();
            var kind = withImage ? ToolQueryKinds.WithImage : random.Chance(options.ParaphraseShare) ? ToolQueryKinds.Paraphrase : ToolQueryKinds.Direct;
            var direct = SplitTemplates(group.Direct, options.Split);
            var paraphrase = SplitTemplates(group.Paraphrase, options.Split);
            var templates = kind == ToolQueryKinds.Direct ? direct : withImage ? [.. direct, .. paraphrase] : paraphrase;
            var instruction = string.Empty;
            for (var attempt = 0; attempt < 12 && (attempt == 0 || used.Contains(instruction)); attempt++)
            {
                instruction = Fill(random.Pick(templates), spec.Slots, random);
            }

            used.Add(instruction);
            var id = string.Create(CultureInfo.InvariantCulture, $"q{i + 1:0000}");
            string? image = null;
            if (withImage)
            {
                image = "images/" + id + ".png";
                images.Add((image, group.Image!, i));
            }

            var acceptable = toolsByGroup[group.Id];
            if (LexicalOverlap.Measure(instruction, acceptable.Select(t => (t.Name, t.Description))).IsLowOverlap)
            {
                lowOverlap++;
            }

            queries.Add(new ToolQueryRecord { Id = id, Instruction = instruction, Image = image, Acceptable = [.. acceptable.Select(t => t.Name)], Kind = kind, Group = group.Id });
            progress?.Report(new ToolDataProgress(i + 1, options.QueryCount));
        }

        if ((double)lowOverlap / options.QueryCount < MinLowOverlapShare)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Only {lowOverlap} of {options.QueryCount} queries are low-overlap ({(double)lowOverlap / options.QueryCount:P1}), under the required {MinLowOverlapShare:P0}; raise the query count or ParaphraseShare."));
        }

        var dataset = new ToolDataset { Tools = tools, Queries = queries };
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputFile))!;
        var imagesFolder = Path.Combine(folder, "images");
        WriteImages(imagesFolder, folder, images, options.Seed);
        ToolDatasetWriter.Write(dataset, options.OutputFile);
        return new ToolDataSummary
        {
            DataFile = options.OutputFile,
            ImagesFolder = imagesFolder,
            ToolCount = tools.Count,
            GroupCount = spec.Groups.Count,
            QueryCount = queries.Count,
            KindCounts = queries.GroupBy(q => q.Kind!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            ImageQueries = images.Count,
            LowOverlapQueries = lowOverlap,
        };
    }

    /// <summary>Makes every group's variants, drops one variant from randomly chosen groups down to <paramref name="count"/>, and shuffles.</summary>
    private static (List<ToolRecord> Tools, Dictionary<string, List<ToolRecord>> ByGroup) BuildTools(CatalogueSpec spec, int count, SeededRandom random)
    {
        var variants = new Dictionary<string, List<ToolRecord>>(StringComparer.Ordinal);
        foreach (var group in spec.Groups)
        {
            var plugins = spec.Domains[group.Domain];
            variants[group.Id] = [.. group.Names.Select((core, v) => MakeTool(group, plugins[v], core, v))];
        }

        var surplus = spec.VariantCount - count;
        var groupIds = spec.Groups.Select(g => g.Id).ToArray();
        for (var round = 0; surplus > 0; round++)
        {
            foreach (var id in random.Sample(groupIds, Math.Min(surplus, groupIds.Length)))
            {
                if (variants[id].Count > 2)
                {
                    variants[id].RemoveAt(variants[id].Count - 1);
                    surplus--;
                }
            }
        }

        var tools = new List<ToolRecord>(variants.Values.SelectMany(v => v));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!names.Add(tool.Name))
            {
                throw new InvalidDataException($"The generator's catalogue makes the tool name '{tool.Name}' twice; give the groups different name cores.");
            }
        }

        var shuffled = random.Sample(tools, tools.Count);
        var order = shuffled.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        foreach (var list in variants.Values)
        {
            list.Sort((a, b) => order[a.Name].CompareTo(order[b.Name]));
        }

        return (shuffled, variants);
    }

    /// <summary>Variant <paramref name="variant"/> of a group: plugin i's naming style (snake, SK's plugin-function, Pascal, camel).</summary>
    private static ToolRecord MakeTool(GroupSpec group, string plugin, string core, int variant)
    {
        var words = core.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var camelParameters = variant >= 2;
        var name = variant switch
        {
            0 => plugin + "_" + core,
            1 => plugin + "-" + core,
            2 => Pascal(plugin) + string.Concat(words.Select(Pascal)),
            _ => plugin + string.Concat(words.Select(Pascal)),
        };
        return new ToolRecord
        {
            Name = name,
            Description = group.Descriptions[variant % group.Descriptions.Length],
            Parameters = Schema(group.Parameters, camelParameters),
            Group = group.Id,
        };
    }

    /// <summary>Expands the compact parameter list into a JSON object schema.</summary>
    private static JsonElement Schema(Dictionary<string, string> parameters, bool camel)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            var required = new List<string>();
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            foreach (var (key, value) in parameters)
            {
                var optional = key.EndsWith('?');
                var name = optional ? key[..^1] : key;
                if (camel)
                {
                    var parts = name.Split('_');
                    name = parts[0] + string.Concat(parts.Skip(1).Select(Pascal));
                }

                if (!optional)
                {
                    required.Add(name);
                }

                var bar = value.IndexOf('|', StringComparison.Ordinal);
                var type = value[..bar];
                json.WriteStartObject(name);
                switch (type)
                {
                    case "date" or "datetime":
                        json.WriteString("type", "string");
                        json.WriteString("format", type == "date" ? "date" : "date-time");
                        break;
                    case "list":
                        json.WriteString("type", "array");
                        json.WriteStartObject("items");
                        json.WriteString("type", "string");
                        json.WriteEndObject();
                        break;
                    case var e when e.StartsWith("enum:", StringComparison.Ordinal):
                        json.WriteString("type", "string");
                        json.WriteStartArray("enum");
                        foreach (var option in e[5..].Split('/'))
                        {
                            json.WriteStringValue(option);
                        }

                        json.WriteEndArray();
                        break;
                    default:
                        json.WriteString("type", type);
                        break;
                }

                json.WriteString("description", value[(bar + 1)..]);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("required");
            foreach (var name in required)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Fills each <c>{slot}</c> with a value; <c>{slot2}</c>, unless it is a slot of its own, takes a value of <c>slot</c> other than the one <c>{slot}</c> got.</summary>
    private static string Fill(string template, IReadOnlyDictionary<string, string[]> slots, SeededRandom random)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = SlotPattern().Replace(template, match =>
        {
            var slot = match.Groups[1].Value;
            if (chosen.TryGetValue(slot, out var again))
            {
                return again;
            }

            // A slot of its own wins ({country2} is a country list, not a second nationality).
            var second = slot.EndsWith('2') && !slots.ContainsKey(slot);
            var list = slots.TryGetValue(second ? slot[..^1] : slot, out var values)
                ? values
                : throw new InvalidDataException($"The template '{template}' uses the slot '{{{slot}}}', which slots.json lacks.");
            var first = second && chosen.TryGetValue(slot[..^1], out var taken) ? taken : null;
            var choices = first is null ? list : list.Where(v => v != first).ToArray();
            return chosen[slot] = random.Pick(choices);
        });
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static void WriteImages(string imagesFolder, string folder, List<(string File, string Kind, int Index)> images, int seed)
    {
        Directory.CreateDirectory(imagesFolder);
        foreach (var stale in Directory.EnumerateFiles(imagesFolder, "q*.png").Where(f => QueryImagePattern().IsMatch(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        using var renderer = new QueryImageRenderer();
        foreach (var (file, kind, index) in images)
        {
            File.WriteAllBytes(Path.Combine(folder, file), renderer.Render(kind, SeededRandom.For(seed, index + 1)));
        }
    }

    /// <summary>The templates of <paramref name="split"/>: all, all but the last, or only the last (a kind with one template is shared).</summary>
    private static string[] SplitTemplates(string[] templates, ToolDataSplit split) => templates.Length < 2 ? templates : split switch
    {
        ToolDataSplit.Tuning => templates[..^1],
        ToolDataSplit.HeldOut => templates[^1..],
        _ => templates,
    };

    private static string Pascal(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex SlotPattern();

    [GeneratedRegex(@"^q\d{4,}\.png$", RegexOptions.CultureInvariant)]
    private static partial Regex QueryImagePattern();

    /// <summary>Hands out groups in a shuffled order, reshuffled each round, so every group gets its share of queries.</summary>
    private sealed class GroupCycle(IReadOnlyList<GroupSpec> groups, SeededRandom random)
    {
        private List<GroupSpec> _round = [];
        private int _next;

        public GroupSpec Next()
        {
            if (_next >= _round.Count)
            {
                _round = random.Sample(groups, groups.Count);
                _next = 0;
            }

            return _round[_next++];
        }
    }
}
