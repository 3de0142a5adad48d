using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval;

/// <summary>
/// Finds the tools of a catalogue that best fit a query. Implementations are thread-safe and may cache per catalogue
/// (by <see cref="ToolCatalog.Fingerprint"/>), so one instance serves many catalogues and callers.
/// </summary>
public interface IToolRetriever
{
    /// <summary>Gets the retriever's name as the CLI and logs spell it (<c>bm25</c>, <c>embedding</c>, <c>hybrid</c>, <c>model</c>).</summary>
    string Name { get; }

    /// <summary>Returns up to <paramref name="topK"/> tools of <paramref name="catalog"/>, best first.</summary>
    /// <param name="catalog">The tools to choose from.</param>
    /// <param name="query">The instruction (and images).</param>
    /// <param name="topK">The most tools returned; at least 1.</param>
    /// <param name="cancellationToken">Cancels the retrieval.</param>
    /// <returns>At most <paramref name="topK"/> matches, best first, each tool at most once.</returns>
    Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default);
}
