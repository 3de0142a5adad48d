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
    /// Registers a singleton <see cref="IChatClient"/> (<see cref="LocalVlmChatClient"/> over the package in
    /// <paramref name="modelPath"/>, loaded on first use and disposed with the container) and an
    /// <see cref="IChatCompletionService"/> built on it through Semantic Kernel's bridge
    /// (<c>UseKernelFunctionInvocation().Build().AsChatCompletionService()</c>), so SK filters and automatic function
    /// calling apply. Both are keyed by <paramref name="serviceId"/> when given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelPath">The model package folder.</param>
    /// <param name="serviceId">The service key, or null for unkeyed registrations.</param>
    /// <param name="configure">Configures the engine, the client and the function-calling loop.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">The package folder does not exist.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IServiceCollection AddLocalVlmChatCompletion(this IServiceCollection services, string modelPath, string? serviceId = null, Action<LocalVlmChatCompletionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!Directory.Exists(modelPath))
        {
            throw new DirectoryNotFoundException($"The model package folder '{modelPath}' does not exist.");
        }

        var options = new LocalVlmChatCompletionOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddKeyedSingleton<IChatClient>(serviceId, (sp, _) =>
        {
            var loggers = sp.GetService<ILoggerFactory>();
            var engine = VlmEngine.Load(modelPath, options.Engine, loggers);
            try
            {
                return new LocalVlmChatClient(engine, ownsEngine: true, options.ChatClient, loggers);
            }
            catch
            {
                engine.Dispose();
                throw;
            }
        });
        return AddChatCompletionService(services, serviceId, options.MaximumIterationsPerRequest);
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
        ArgumentNullException.ThrowIfNull(engine);
        var options = new LocalVlmChatCompletionOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddKeyedSingleton<IChatClient>(serviceId, (sp, _) => new LocalVlmChatClient(engine, ownsEngine: false, options.ChatClient, sp.GetService<ILoggerFactory>()));
        return AddChatCompletionService(services, serviceId, options.MaximumIterationsPerRequest);
    }

    private static IServiceCollection AddChatCompletionService(IServiceCollection services, string? serviceId, int? maximumIterations) =>
        services.AddKeyedSingleton<IChatCompletionService>(serviceId, (sp, key) =>
        {
            var client = sp.GetRequiredKeyedService<IChatClient>(key);
            var invoking = client.AsBuilder().UseKernelFunctionInvocation(sp.GetService<ILoggerFactory>()).Build(sp);
            if (maximumIterations is { } max && invoking.GetService<FunctionInvokingChatClient>() is { } functions)
            {
                functions.MaximumIterationsPerRequest = max;
            }

            return invoking.AsChatCompletionService(sp);
        });
}
