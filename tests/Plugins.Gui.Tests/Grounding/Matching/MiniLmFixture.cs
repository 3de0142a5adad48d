using System;
using LocalModel.Embeddings;

namespace Plugins.Gui.Tests.Grounding.Matching;

/// <summary>One real all-MiniLM-L6-v2 embedder per test class (it loads in about a second).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}
