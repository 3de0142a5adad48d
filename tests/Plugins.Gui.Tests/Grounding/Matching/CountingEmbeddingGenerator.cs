using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Tests.Grounding.Matching;

/// <summary>
/// A fake embedder: each text becomes a bag of hashed stemmed words (so texts sharing words are similar); it records
/// every call's inputs.
/// </summary>
internal sealed class CountingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int Dimensions = 64;

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        Calls.Add(inputs);
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Select(Embed));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static Embedding<float> Embed(string text)
    {
        var vector = new float[Dimensions];
        vector[0] = 0.01f;
        foreach (var token in TextTokenizer.Tokenize(text))
        {
            var stem = LightStemmer.Stem(token);
            var hash = 0;
            foreach (var c in stem)
            {
                hash = (hash * 31) + c;
            }

            vector[1 + (Math.Abs(hash) % (Dimensions - 1))] += 1;
        }

        return new Embedding<float>(vector);
    }
}
