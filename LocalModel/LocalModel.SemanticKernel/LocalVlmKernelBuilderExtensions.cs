using System;
using System.IO;
using LocalModel.Generation;
using Microsoft.SemanticKernel;

namespace LocalModel.SemanticKernel;

/// <summary>Adds the local vision-language model to a Semantic Kernel <see cref="IKernelBuilder"/>.</summary>
public static class LocalVlmKernelBuilderExtensions
{
    /// <summary>Adds the chat completion service over the model in <paramref name="modelPath"/> (a package or a llava-hf checkpoint); see <see cref="LocalVlmServiceCollectionExtensions.AddLocalVlmChatCompletion(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, string?, Action{LocalVlmChatCompletionOptions}?)"/>.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelPath">A model package folder or a llava-hf checkpoint folder.</param>
    /// <param name="serviceId">The service key, or null.</param>
    /// <param name="configure">Configures the engine, the client and the function-calling loop.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IKernelBuilder AddLocalVlmChatCompletion(this IKernelBuilder builder, string modelPath, string? serviceId = null, Action<LocalVlmChatCompletionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalVlmChatCompletion(modelPath, serviceId, configure);
        return builder;
    }

    /// <summary>Adds the chat completion service over an engine the caller owns; see <see cref="LocalVlmServiceCollectionExtensions.AddLocalVlmChatCompletion(Microsoft.Extensions.DependencyInjection.IServiceCollection, VlmEngine, string?, Action{LocalVlmChatCompletionOptions}?)"/>.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="serviceId">The service key, or null.</param>
    /// <param name="configure">Configures the client and the function-calling loop.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IKernelBuilder AddLocalVlmChatCompletion(this IKernelBuilder builder, VlmEngine engine, string? serviceId = null, Action<LocalVlmChatCompletionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalVlmChatCompletion(engine, serviceId, configure);
        return builder;
    }
}
