using System;
using LocalModel.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MiniLmEmbeddingGenerator"/> the way Microsoft.Extensions.AI registers generators.</summary>
public static class MiniLmServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings backed by a
    /// <see cref="MiniLmEmbeddingGenerator"/> (created on first use, disposed with the container, logging through the
    /// container's <see cref="ILoggerFactory"/> when there is one) and returns its builder for adding middleware.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options; they are validated here, at registration.</param>
    /// <returns>The builder; <c>.UseLogging()</c>, <c>.UseDistributedCache()</c> and the like wrap the generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddMiniLmEmbeddingGenerator(
        this IServiceCollection services,
        Action<MiniLmEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new MiniLmEmbeddingOptions();
        configure?.Invoke(options);
        options.Validate();
        return services.AddEmbeddingGenerator(provider => new MiniLmEmbeddingGenerator(
            options,
            provider.GetService<ILoggerFactory>()?.CreateLogger<MiniLmEmbeddingGenerator>()));
    }
}
