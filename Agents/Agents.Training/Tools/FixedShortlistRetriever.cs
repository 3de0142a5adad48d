using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;

namespace Agents.Training.Tools;

/// <summary>A retriever that answers every query with a given shortlist (its first topK), so the real consumers see the shortlist the exporter chose.</summary>
internal sealed class FixedShortlistRetriever(IReadOnlyList<ToolMatch> shortlist) : IToolRetriever
{
    public string Name => "fixed";

    public Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ToolMatch>>(shortlist.Take(topK).ToArray());
}
