using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;

namespace Plugins.Tools.Tests.Support;

/// <summary>A retriever that returns fixed tool names in a fixed order (scores count down from the list length) and records each topK asked for.</summary>
public sealed class FixedToolRetriever(string name, params string[] ranking) : IToolRetriever
{
    public string Name => name;

    public List<int> RequestedTopK { get; } = [];

    public List<ToolQuery> Queries { get; } = [];

    public Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default)
    {
        lock (RequestedTopK)
        {
            RequestedTopK.Add(topK);
            Queries.Add(query);
        }

        var matches = ranking.Take(topK)
            .Select((n, i) => new ToolMatch(catalog.Find(n) ?? throw new InvalidOperationException($"no tool {n}"), ranking.Length - i))
            .ToArray();
        return Task.FromResult<IReadOnlyList<ToolMatch>>(matches);
    }
}
