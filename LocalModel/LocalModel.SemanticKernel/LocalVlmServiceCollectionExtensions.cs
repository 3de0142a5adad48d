using System;
using System.IO;
using LocalModel.Chat;
using LocalModel.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LocalModel.SemanticKernel;

/// <summary>Registers the local vision-language model with a service collection, for Semantic Kernel and Microsoft.Extensions.AI.</summary>
public static class LocalVlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IChatClient"/> (<see cref="LocalVlmChatClient"/> over the model in
    /// <paramref name="modelPath"/>, a package or a llava-hf checkpoint built once into the package cache; loaded on
    /// first use and disposed with the container) through
    /// <see cref="LocalVlmChatClientServiceCollectionExtensions.AddKeyedLocalVlmChatClient(IServiceCollection, object?, string, Action{Hosting.LocalVlmChatClientRegistrationOptions}?)"/>,
    /// and an <see cref="IChatCompletionService"/> built on it through Semantic Kernel's bridge
    /// (<c>UseKernelFunctionInvocation().Build().AsChatCompletionService()</c>), so SK filters and automatic function
    /// calling apply. Both are keyed by <paramref name="serviceId"/> when given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelPath">A model package folder or a llava-hf checkpoint folder.</param>
    /// <param name="serviceId">The service key, or null for unkeyed registrations.</param>
    /// <param name="configure">Configures the engine, the client and the function-calling loop.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IServiceCollection AddLocalVlmChatCompletion(this IServiceCollection services, string modelPath, string? serviceId = null, Action<LocalVlmChatCompletionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = Configure(configure);
        services.AddKeyedLocalVlmChatClient(serviceId, modelPath, o =>
        {
            o.Engine = options.Engine;
            o.ChatClient = options.ChatClient;
        });
        return AddChatCompletionService(services, serviceId, options);
    }

    /// <summary>
    /// Registers an <see cref="IChatClient"/> over an engine the caller owns (shared between services; not disposed by
    /// the container) and the <see cref="IChatCompletionService"/> built on it, as the other overload does.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="serviceId">The service key, or null for unkeyed registrations.</param>
    /// <param name="configure">Configures the client and the function-calling loop (engine options do not apply).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IServiceCollection AddLocalVlmChatCompletion(this IServiceCollection services, VlmEngine engine, string? serviceId = null, Action<LocalVlmChatCompletionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = Configure(configure);
        services.AddKeyedLocalVlmChatClient(serviceId, engine, o => o.ChatClient = options.ChatClient);
        return AddChatCompletionService(services, serviceId, options);
    }

    private static LocalVlmChatCompletionOptions Configure(Action<LocalVlmChatCompletionOptions>? configure)
    {
        var options = new LocalVlmChatCompletionOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }

    private static IServiceCollection AddChatCompletionService(IServiceCollection services, string? serviceId, LocalVlmChatCompletionOptions options) =>
        services.AddKeyedSingleton<IChatCompletionService>(serviceId, (sp, key) =>
        {
            var client = sp.GetRequiredKeyedService<IChatClient>(key);
            var builder = client.AsBuilder().UseKernelFunctionInvocation(sp.GetService<ILoggerFactory>());

            // Added after the function-calling loop, so each model call of the loop passes through them.
            options.ConfigureModelCalls?.Invoke(builder);
            var invoking = builder.Build(sp);
            if (options.MaximumIterationsPerRequest is { } max && invoking.GetService<FunctionInvokingChatClient>() is { } functions)
            {
                functions.MaximumIterationsPerRequest = max;
            }

            return invoking.AsChatCompletionService(sp);
        });
}
