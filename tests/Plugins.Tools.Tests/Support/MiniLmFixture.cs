using System;
using LocalModel.Embeddings;

namespace Plugins.Tools.Tests.Support;

/// <summary>One real all-MiniLM-L6-v2 generator shared by a test class.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}
