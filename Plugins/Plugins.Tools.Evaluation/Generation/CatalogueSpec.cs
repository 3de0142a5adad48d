using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugins.Tools.Evaluation.Generation;

/// <summary>
/// The generator's domain knowledge, as data: synonym groups of tools (names, descriptions, parameters per plugin)
/// with the instruction templates of each group, and the slot values the templates are filled with. Loaded once from
/// the embedded <c>Generation/Catalogue/*.json</c>.
/// </summary>
internal sealed class CatalogueSpec
{
    private const string ResourcePrefix = "Plugins.Tools.Evaluation.Generation.Catalogue.";
    private static readonly Lazy<CatalogueSpec> LazyShared = new(Load);

    private CatalogueSpec(IReadOnlyDictionary<string, string[]> domains, IReadOnlyList<GroupSpec> groups, IReadOnlyDictionary<string, string[]> slots)
    {
        Domains = domains;
        Groups = groups;
        Slots = slots;
    }

    /// <summary>The spec embedded in the assembly.</summary>
    public static CatalogueSpec Shared => LazyShared.Value;

    /// <summary>Plugin names per domain, one per variant.</summary>
    public IReadOnlyDictionary<string, string[]> Domains { get; }

    /// <summary>The synonym groups, in file order.</summary>
    public IReadOnlyList<GroupSpec> Groups { get; }

    /// <summary>The slot values by slot name.</summary>
    public IReadOnlyDictionary<string, string[]> Slots { get; }

    /// <summary>The number of tool variants over all groups (the most tools a catalogue can have).</summary>
    public int VariantCount => Groups.Sum(g => g.Names.Length);

    private static CatalogueSpec Load()
    {
        var assembly = typeof(CatalogueSpec).Assembly;
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = false };
        var domains = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var groups = new List<GroupSpec>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix + "groups-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = JsonSerializer.Deserialize<GroupFile>(ReadResource(assembly, name), options) ?? throw new InvalidDataException($"The embedded resource {name} is empty.");
            foreach (var (domain, plugins) in file.Domains)
            {
                domains[domain] = plugins;
            }

            groups.AddRange(file.Groups);
        }

        var slots = JsonSerializer.Deserialize<Dictionary<string, string[]>>(ReadResource(assembly, ResourcePrefix + "slots.json"), options)
            ?? throw new InvalidDataException("The embedded slots.json is empty.");
        foreach (var group in groups)
        {
            if (!domains.TryGetValue(group.Domain, out var plugins) || plugins.Length < group.Names.Length)
            {
                throw new InvalidDataException($"Group '{group.Id}' names domain '{group.Domain}', which lacks a plugin per variant.");
            }
        }

        return new CatalogueSpec(domains, groups, slots);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One groups-*.json file.</summary>
    private sealed record GroupFile(
        [property: JsonPropertyName("domains")] Dictionary<string, string[]> Domains,
        [property: JsonPropertyName("groups")] List<GroupSpec> Groups);
}
