using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval.Reranking;

/// <summary>The re-ranking prompt embedded from <c>Prompts/Tools/model-rerank.md</c> (resource <c>Plugins.Tools.Prompts.model-rerank.md</c>). Thread-safe.</summary>
internal static class ModelRerankPrompt
{
    private const string File = "model-rerank.md";

    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>The template text.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static string Template => Templates.GetOrAdd(File, static name =>
    {
        var resource = "Plugins.Tools.Prompts." + name;
        using var stream = typeof(ModelRerankPrompt).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The prompt resource '{resource}' is missing from Plugins.Tools; it is built from Prompts/Tools/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    });

    /// <summary>The prompt for <paramref name="instruction"/> over <paramref name="tools"/> (<c>name: description</c> lines).</summary>
    public static string Render(string instruction, IEnumerable<ToolDescriptor> tools)
    {
        var lines = string.Join('\n', tools.Select(t => string.IsNullOrWhiteSpace(t.Description) ? t.Name : t.Name + ": " + OneLine(t.Description)));
        return Template
            .Replace("{instruction}", OneLine(instruction), StringComparison.Ordinal)
            .Replace("{tools}", lines, StringComparison.Ordinal);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
