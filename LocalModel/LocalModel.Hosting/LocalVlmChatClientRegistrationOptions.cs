using System;
using LocalModel.Builder;
using LocalModel.Chat;
using LocalModel.Runtime;

namespace LocalModel.Hosting;

/// <summary>
/// What <c>AddLocalVlmChatClient</c> creates: the engine (model-path overloads only) and the chat client. The
/// configure callback runs once, at registration; the options are validated then.
/// </summary>
public sealed class LocalVlmChatClientRegistrationOptions
{
    private VlmEngineOptions _engine = new();
    private LocalVlmChatClientOptions _chatClient = new();

    /// <summary>Gets or sets the engine options (execution provider, context length, queue bounds, ...). Ignored when the registration is given an engine.</summary>
    public VlmEngineOptions Engine
    {
        get => _engine;
        set => _engine = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets or sets the chat client options (template registry, default system prompt, pruning methods, strict settings, ...); the client copies them when it is created.</summary>
    public LocalVlmChatClientOptions ChatClient
    {
        get => _chatClient;
        set => _chatClient = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Gets or sets the folder llava-hf checkpoints are built into (once per checkpoint); null (default) uses
    /// <see cref="PackageCache.DefaultRoot"/>: <c>$LOCALMODEL_CACHE</c>, else <c>~/.cache/localmodel/packages</c>.
    /// </summary>
    public string? PackageCacheRoot { get; set; }

    /// <summary>Throws naming the first invalid option.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        Engine.Validate();
        ChatClient.Validate();
        if (PackageCacheRoot is { } root && string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException("PackageCacheRoot is empty; set a folder or leave it null for the default.", nameof(PackageCacheRoot));
        }
    }
}
