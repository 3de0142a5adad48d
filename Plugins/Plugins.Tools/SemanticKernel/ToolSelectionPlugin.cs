using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Selection;

namespace Plugins.Tools.SemanticKernel;

/// <summary>
/// The tool-search function for agents that hold a large catalogue (RAG-MCP's "retrieve, then call"): given an
/// instruction, <c>find_tools</c> returns the best-fitting tools of the catalogue. Thread-safe when the retriever is.
/// </summary>
public sealed class ToolSelectionPlugin
{
    /// <summary>The largest <c>top_k</c> accepted.</summary>
    public const int MaxTopK = 50;

    private readonly ToolCatalog _catalog;
    private readonly IToolRetriever _retriever;
    private readonly int _defaultTopK;

    /// <summary>Creates the plugin over <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The tools to search.</param>
    /// <param name="retriever">The retriever (for example <c>hybrid</c>).</param>
    /// <param name="options">Gives the default <c>top_k</c> (<see cref="ToolSelectionOptions.TopK"/>, default 5), or null.</param>
    public ToolSelectionPlugin(ToolCatalog catalog, IToolRetriever retriever, ToolSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(retriever);
        options?.Validate();
        _catalog = catalog;
        _retriever = retriever;
        _defaultTopK = Math.Min(options?.TopK ?? 5, MaxTopK);
    }

    /// <summary>Finds the tools that fit <paramref name="instruction"/>.</summary>
    /// <param name="instruction">What the user wants done.</param>
    /// <param name="top_k">How many tools to return (1 to <see cref="MaxTopK"/>), or null for the default.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>Up to <paramref name="top_k"/> tools, best first, each with its name, description and score.</returns>
    /// <exception cref="ArgumentException"><paramref name="instruction"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top_k"/> is outside 1 to 50.</exception>
    [KernelFunction("find_tools")]
    [Description("Finds the tools that best fit an instruction. Returns up to top_k tools, best first, as {name, description, score}; a higher score is a better fit (scores compare only within one answer).")]
#pragma warning disable CA1707 // The parameter name is what the model sees: snake_case like the function name.
    public async Task<IReadOnlyList<FoundTool>> FindToolsAsync(
        [Description("What the user wants done, in their own words.")] string instruction,
        [Description("How many tools to return, 1 to 50 (default 5).")] int? top_k = null,
        CancellationToken cancellationToken = default)
#pragma warning restore CA1707
    {
        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new ArgumentException("find_tools needs a non-empty instruction: say what the user wants done.", nameof(instruction));
        }

        var k = top_k ?? _defaultTopK;
        if (k is < 1 or > MaxTopK)
        {
            throw new ArgumentOutOfRangeException(nameof(top_k), k, $"find_tools: top_k must be between 1 and {MaxTopK}.");
        }

        var matches = await _retriever.RetrieveAsync(_catalog, new ToolQuery(instruction), k, cancellationToken).ConfigureAwait(false);
        return matches.Select(m => new FoundTool(m.Tool.Name, m.Tool.Description, m.Score)).ToArray();
    }
}
