using System;
using System.IO;
using LocalModel.Builder;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the local vision-language model as a singleton <see cref="IChatClient"/> the Microsoft.Extensions.AI way
/// (<c>AddChatClient</c> / <c>AddKeyedChatClient</c>): each method returns the <see cref="ChatClientBuilder"/>, so
/// callers add <c>.UseOpenTelemetry()</c>, <c>.UseLogging()</c>, <c>.UseFunctionInvocation()</c> and other middleware
/// around the <see cref="LocalVlmChatClient"/>.
/// </summary>
public static class LocalVlmChatClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatClient"/> over the model in <paramref name="modelPath"/>: a package, or a llava-hf
    /// checkpoint folder that is built once into the package cache. The engine is loaded when the client is first
    /// resolved and disposed with the container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelPath">A model package folder or a llava-hf checkpoint folder.</param>
    /// <param name="configure">Configures the engine, the client and the package cache; runs now.</param>
    /// <returns>The builder of the client pipeline.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ChatClientBuilder AddLocalVlmChatClient(this IServiceCollection services, string modelPath, Action<LocalVlmChatClientRegistrationOptions>? configure = null) =>
        AddKeyedLocalVlmChatClient(services, serviceKey: null, modelPath, configure);

    /// <summary>
    /// Registers an <see cref="IChatClient"/> over <paramref name="engine"/>, which the caller owns: the container
    /// does not dispose it, so one engine can serve several registrations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="configure">Configures the client (engine options and the cache do not apply); runs now.</param>
    /// <returns>The builder of the client pipeline.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ChatClientBuilder AddLocalVlmChatClient(this IServiceCollection services, VlmEngine engine, Action<LocalVlmChatClientRegistrationOptions>? configure = null) =>
        AddKeyedLocalVlmChatClient(services, serviceKey: null, engine, configure);

    /// <summary>
    /// Registers a keyed <see cref="IChatClient"/> over the model in <paramref name="modelPath"/>; see
    /// <see cref="AddLocalVlmChatClient(IServiceCollection, string, Action{LocalVlmChatClientRegistrationOptions}?)"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; null registers the unkeyed client.</param>
    /// <param name="modelPath">A model package folder or a llava-hf checkpoint folder.</param>
    /// <param name="configure">Configures the engine, the client and the package cache; runs now.</param>
    /// <returns>The builder of the client pipeline.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ChatClientBuilder AddKeyedLocalVlmChatClient(this IServiceCollection services, object? serviceKey, string modelPath, Action<LocalVlmChatClientRegistrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!Directory.Exists(modelPath))
        {
            throw new DirectoryNotFoundException($"The model folder '{modelPath}' (a package or a llava-hf checkpoint) does not exist.");
        }

        var options = Configure(configure);
        return Register(services, serviceKey, sp =>
        {
            var loggers = sp.GetService<ILoggerFactory>();
            var engine = VlmEngineLoader.Load(modelPath, options.Engine, loggers, progress: null, options.PackageCacheRoot);
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
    }

    /// <summary>
    /// Registers a keyed <see cref="IChatClient"/> over an engine the caller owns; see
    /// <see cref="AddLocalVlmChatClient(IServiceCollection, VlmEngine, Action{LocalVlmChatClientRegistrationOptions}?)"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; null registers the unkeyed client.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="configure">Configures the client (engine options and the cache do not apply); runs now.</param>
    /// <returns>The builder of the client pipeline.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ChatClientBuilder AddKeyedLocalVlmChatClient(this IServiceCollection services, object? serviceKey, VlmEngine engine, Action<LocalVlmChatClientRegistrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(engine);
        var options = Configure(configure);
        return Register(services, serviceKey, sp => new LocalVlmChatClient(engine, ownsEngine: false, options.ChatClient, sp.GetService<ILoggerFactory>()));
    }

    private static LocalVlmChatClientRegistrationOptions Configure(Action<LocalVlmChatClientRegistrationOptions>? configure)
    {
        var options = new LocalVlmChatClientRegistrationOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }

    // The container owns the singleton it builds and disposes it; the pipeline's layers dispose the inner
    // LocalVlmChatClient, which disposes the engine only when it loaded it (ownsEngine).
    private static ChatClientBuilder Register(IServiceCollection services, object? serviceKey, Func<IServiceProvider, IChatClient> innerClientFactory) =>
        serviceKey is null
            ? services.AddChatClient(innerClientFactory, ServiceLifetime.Singleton)
            : services.AddKeyedChatClient(serviceKey, innerClientFactory, ServiceLifetime.Singleton);
}
