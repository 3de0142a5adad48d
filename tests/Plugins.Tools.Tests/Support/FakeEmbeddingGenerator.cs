using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Tools.Tests.Support;

/// <summary>An embedding generator that maps each text to a vector by a callback.</summary>
public sealed class FakeEmbeddingGenerator(Func<string, float[]> embed) : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<string[]> Batches { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var batch = values.ToArray();
        lock (Batches)
        {
            Batches.Add(batch);
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(batch.Select(t => new Embedding<float>(embed(t)))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
