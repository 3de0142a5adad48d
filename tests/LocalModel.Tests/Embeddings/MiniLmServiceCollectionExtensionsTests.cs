using System;
using System.Threading.Tasks;
using LocalModel.Embeddings;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LocalModel.Tests.Embeddings;

public sealed class MiniLmServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddMiniLmEmbeddingGenerator_Resolved_IsMiniLmWithOptionsAndMiddleware()
    {
        // Arrange
        var services = new ServiceCollection();
        var middlewareRan = false;
        services
            .AddMiniLmEmbeddingGenerator(options =>
            {
                options.ExecutionProvider = ExecutionProviderPreference.Cpu;
                options.MaxLength = 16;
            })
            .Use((values, options, next, cancellationToken) =>
            {
                middlewareRan = true;
                return next.GenerateAsync(values, options, cancellationToken);
            });
        await using var provider = services.BuildServiceProvider();

        // Act
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(["sign in"]);

        // Assert
        Assert.True(middlewareRan);
        Assert.Equal(384, embeddings[0].Vector.Length);
        var inner = generator.GetService<MiniLmEmbeddingGenerator>();
        Assert.NotNull(inner);
        Assert.Equal(16, inner.MaxLength);
        Assert.Equal("all-MiniLM-L6-v2", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void AddMiniLmEmbeddingGenerator_InvalidOptions_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddMiniLmEmbeddingGenerator(options => options.BatchSize = 0));
        Assert.Equal(nameof(MiniLmEmbeddingOptions.BatchSize), ex.ParamName);
    }

    [Fact]
    public void AddMiniLmEmbeddingGenerator_NullServices_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => MiniLmServiceCollectionExtensions.AddMiniLmEmbeddingGenerator(null!));
    }
}
