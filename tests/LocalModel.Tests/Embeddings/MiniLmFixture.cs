using System;
using System.Collections.Generic;
using LocalModel.Embeddings;
using LocalModel.Runtime;

namespace LocalModel.Tests.Embeddings;

/// <summary>One CPU generator with default options for the MiniLM tests (loading the model takes about a second).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Generator = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });
    }

    public MiniLmEmbeddingGenerator Generator { get; }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(aa * bb);
    }

    public static int NearestNeighbour(IReadOnlyList<float[]> vectors, int index)
    {
        var best = -1;
        var bestSimilarity = double.NegativeInfinity;
        for (var j = 0; j < vectors.Count; j++)
        {
            var similarity = j == index ? double.NegativeInfinity : Cosine(vectors[index], vectors[j]);
            if (similarity > bestSimilarity)
            {
                best = j;
                bestSimilarity = similarity;
            }
        }

        return best;
    }

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
