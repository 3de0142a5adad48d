using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace LocalModel.Chat;

/// <summary>
/// The chat templates known by name: <c>llava-v1</c> (<see cref="LlavaV1ChatTemplate"/>) and <c>chatml</c>
/// (<see cref="ChatMlChatTemplate"/>) built in, and any a package or app registers. Names are case-insensitive.
/// Thread-safe.
/// </summary>
public static class ChatTemplates
{
    private static readonly ConcurrentDictionary<string, IChatTemplate> Registered = new(StringComparer.OrdinalIgnoreCase)
    {
        [LlavaV1ChatTemplate.TemplateName] = LlavaV1ChatTemplate.Instance,
        [ChatMlChatTemplate.TemplateName] = ChatMlChatTemplate.Instance,
    };

    /// <summary>Gets the registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => Registered.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Registers <paramref name="template"/> under <paramref name="name"/>, replacing any template of that name (built-ins included).</summary>
    /// <param name="name">The name packages refer to in their manifest's <c>chat_template</c>.</param>
    /// <param name="template">The template.</param>
    public static void Register(string name, IChatTemplate template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(template);
        Registered[name] = template;
    }

    /// <summary>Looks a template up by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="template">The template, when found.</param>
    /// <returns>Whether a template has that name.</returns>
    public static bool TryGet(string name, [NotNullWhen(true)] out IChatTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Registered.TryGetValue(name, out template);
    }

    /// <summary>Gets the template registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ArgumentException">No template has that name; the message lists the names known.</exception>
    public static IChatTemplate Get(string name) =>
        TryGet(name, out var template)
            ? template
            : throw new ArgumentException($"Chat template '{name}' is unknown ({string.Join(", ", Names)}); register it with ChatTemplates.Register or set LocalVlmChatClientOptions.ChatTemplate.", nameof(name));
}
