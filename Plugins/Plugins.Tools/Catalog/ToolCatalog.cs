using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Plugins.Tools.Catalog;

/// <summary>
/// An immutable set of tools with unique names: SK plugins' functions, <see cref="AIFunctionDeclaration"/>s or plain
/// descriptors, hundreds at once. Thread-safe. <see cref="Fingerprint"/> identifies the tools' text, so retrievers
/// cache per catalogue content (two catalogues with the same tools share a cache entry).
/// </summary>
public sealed class ToolCatalog
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("{}").RootElement.Clone();
    private readonly Dictionary<string, int> _byName;

    /// <summary>Creates a catalogue of <paramref name="tools"/>.</summary>
    /// <param name="tools">The tools; names must be non-empty and unique (ordinal).</param>
    /// <exception cref="ArgumentException">A name is empty or appears twice.</exception>
    public ToolCatalog(IEnumerable<ToolDescriptor> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = tools.ToArray();
        _byName = new Dictionary<string, int>(Tools.Count, StringComparer.Ordinal);
        for (var i = 0; i < Tools.Count; i++)
        {
            var tool = Tools[i] ?? throw new ArgumentException($"tools[{i}] is null.", nameof(tools));
            if (string.IsNullOrWhiteSpace(tool.Name))
            {
                throw new ArgumentException($"tools[{i}] has an empty name; every tool needs the name the model calls it by.", nameof(tools));
            }

            if (!_byName.TryAdd(tool.Name, i))
            {
                throw new ArgumentException($"tools[{i}]: the name '{tool.Name}' is already used by tools[{_byName[tool.Name]}]; tool names must be unique (prefix them with their plugin name).", nameof(tools));
            }
        }

        Fingerprint = ComputeFingerprint(Tools);
    }

    /// <summary>Gets the tools, in the order given.</summary>
    public IReadOnlyList<ToolDescriptor> Tools { get; }

    /// <summary>Gets the number of tools.</summary>
    public int Count => Tools.Count;

    /// <summary>Gets a hex SHA-256 over every tool's name, description and schema, in order: equal for catalogues with the same tools.</summary>
    public string Fingerprint { get; }

    /// <summary>Gets the tool named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The tool name (ordinal).</param>
    public ToolDescriptor? Find(string name) => _byName.TryGetValue(name, out var i) ? Tools[i] : null;

    /// <summary>Gets the position of the tool named <paramref name="name"/> in <see cref="Tools"/>, or -1.</summary>
    /// <param name="name">The tool name (ordinal).</param>
    public int IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Makes a catalogue of Microsoft.Extensions.AI functions (each descriptor keeps the function as <see cref="ToolDescriptor.Tool"/>).</summary>
    /// <param name="functions">The functions.</param>
    /// <exception cref="ArgumentException">Two functions share a name.</exception>
    public static ToolCatalog FromAIFunctions(IEnumerable<AIFunctionDeclaration> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return new ToolCatalog(functions.Select(f => new ToolDescriptor
        {
            Name = f.Name,
            Description = f.Description ?? string.Empty,
            ParametersSchema = f.JsonSchema.ValueKind == JsonValueKind.Undefined ? EmptySchema : f.JsonSchema,
            Tool = f,
        }));
    }

    /// <summary>
    /// Makes a catalogue of Semantic Kernel plugins' functions, named as SK's function calling names them
    /// (<c>{plugin}-{function}</c>, SK's <c>AsAIFunctions</c> naming), each keeping its <see cref="AIFunction"/> bound to <paramref name="kernel"/>.
    /// </summary>
    /// <param name="plugins">The plugins.</param>
    /// <param name="kernel">The kernel the functions run in, or null for none.</param>
    /// <exception cref="ArgumentException">Two functions end up with the same name.</exception>
    public static ToolCatalog FromKernelPlugins(IEnumerable<KernelPlugin> plugins, Kernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var tools = new List<ToolDescriptor>();
        foreach (var plugin in plugins)
        {
            foreach (var function in plugin.AsAIFunctions(kernel))
            {
                tools.Add(new ToolDescriptor
                {
                    Name = function.Name,
                    Description = function.Description ?? string.Empty,
                    ParametersSchema = function.JsonSchema.ValueKind == JsonValueKind.Undefined ? EmptySchema : function.JsonSchema,
                    PluginName = plugin.Name,
                    Tool = function,
                });
            }
        }

        return new ToolCatalog(tools);
    }

    private static string ComputeFingerprint(IReadOnlyList<ToolDescriptor> tools)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tool in tools)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(tool.Name));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(tool.Description));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(tool.ParametersSchema.ValueKind == JsonValueKind.Undefined ? "{}" : tool.ParametersSchema.GetRawText()));
            hash.AppendData([1]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
