using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;

namespace Plugins.Tools.Evaluation.Tests;

/// <summary>A retriever that answers each instruction with a fixed list of tool names and records the queries it got.</summary>
internal sealed class FakeToolRetriever(IReadOnlyDictionary<string, string[]> answers) : IToolRetriever
{
    public string Name => "fake";

    public List<ToolQuery> Queries { get; } = [];

    public Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        var names = answers[query.Instruction];
        IReadOnlyList<ToolMatch> matches = [.. names.Take(topK).Select((n, i) => new ToolMatch(catalog.Find(n) ?? throw new InvalidOperationException(n), 1.0 / (i + 1)))];
        return Task.FromResult(matches);
    }
}
