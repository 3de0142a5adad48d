using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Tools.Tests.Support;

/// <summary>Counts the calls and inputs that reach the inner generator; optionally delays each call.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, int delayMs = 0)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _calls;
    private int _inputs;

    public int Calls => Volatile.Read(ref _calls);

    public int Inputs => Volatile.Read(ref _inputs);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _inputs, list.Count);
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, cancellationToken);
        }

        return await base.GenerateAsync(list, options, cancellationToken);
    }
}
