using System;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Embeddings;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.Retrieval.Reranking;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval;

public sealed class ToolRetrieversTests
{
    private static readonly FakeEmbeddingGenerator Embedder = new(_ => [1, 0]);

    [Fact]
    public void Names_AreTheFourRetrievers()
    {
        // Assert
        Assert.Equal(["bm25", "embedding", "hybrid", "model"], ToolRetrievers.Names);
    }

    [Theory]
    [InlineData("bm25", typeof(Bm25ToolRetriever))]
    [InlineData("embedding", typeof(EmbeddingToolRetriever))]
    [InlineData("HYBRID", typeof(HybridToolRetriever))]
    [InlineData("model", typeof(ModelToolRetriever))]
    public void Create_KnownName_MakesThatRetriever(string name, Type expected)
    {
        // Act
        var retriever = ToolRetrievers.Create(name, Embedder, new FakeChatClient());

        // Assert
        Assert.IsType(expected, retriever);
        Assert.Equal(name.ToLowerInvariant(), retriever.Name);
    }

    [Fact]
    public void Create_Model_ShortlistsWithHybrid()
    {
        // Act
        var retriever = Assert.IsType<ModelToolRetriever>(ToolRetrievers.Create("model", Embedder, new FakeChatClient()));

        // Assert
        Assert.IsType<HybridToolRetriever>(retriever.Shortlister);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheNames()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => ToolRetrievers.Create("tfidf"));

        // Assert
        Assert.Contains("'tfidf'", error.Message, StringComparison.Ordinal);
        Assert.Contains("bm25, embedding, hybrid, model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("embedding", "embedder")]
    [InlineData("hybrid", "embedder")]
    [InlineData("model", "chatClient")]
    public void Create_MissingDependency_ThrowsNamingIt(string name, string parameter)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => ToolRetrievers.Create(name));

        // Assert
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Create_ModelWithoutEmbedder_ThrowsNamingTheShortlist()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => ToolRetrievers.Create("model", chatClient: new FakeChatClient()));

        // Assert
        Assert.Equal("embedder", error.ParamName);
        Assert.Contains("hybrid shortlist", error.Message, StringComparison.Ordinal);
    }
}
