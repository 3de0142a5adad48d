using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace LocalModel.Chat;

/// <summary>
/// Read-only access to the built-in chat templates: <c>llava-v1</c> (<see cref="LlavaV1ChatTemplate"/>),
/// <c>chatml</c> (<see cref="ChatMlChatTemplate"/>) and <c>qwen2.5-vl</c> (<see cref="Qwen25VlChatTemplate"/>). Names are case-insensitive. To add or replace a template, register
/// it in a <see cref="ChatTemplateRegistry"/> (<see cref="LocalVlmChatClientOptions.ChatTemplates"/>), which affects
/// only the clients created with those options. Thread-safe.
/// </summary>
public static class ChatTemplates
{
    private static readonly Dictionary<string, IChatTemplate> BuiltInTemplates = new(StringComparer.OrdinalIgnoreCase)
    {
        [LlavaV1ChatTemplate.TemplateName] = LlavaV1ChatTemplate.Instance,
        [ChatMlChatTemplate.TemplateName] = ChatMlChatTemplate.Instance,
        [Qwen25VlChatTemplate.TemplateName] = Qwen25VlChatTemplate.Instance,
    };

    /// <summary>Gets the built-in names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = BuiltInTemplates.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Gets the built-in templates (what a new <see cref="ChatTemplateRegistry"/> starts with).</summary>
    internal static IEnumerable<KeyValuePair<string, IChatTemplate>> BuiltIn => BuiltInTemplates;

    /// <summary>Looks a built-in template up by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="template">The template, when found.</param>
    /// <returns>Whether a built-in template has that name.</returns>
    public static bool TryGet(string name, [NotNullWhen(true)] out IChatTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BuiltInTemplates.TryGetValue(name, out template);
    }

    /// <summary>Gets the built-in template named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ArgumentException">No built-in template has that name; the message lists the names known.</exception>
    public static IChatTemplate Get(string name) =>
        TryGet(name, out var template)
            ? template
            : throw new ArgumentException($"Chat template '{name}' is unknown ({string.Join(", ", Names)}); register it in LocalVlmChatClientOptions.ChatTemplates or set LocalVlmChatClientOptions.ChatTemplate.", nameof(name));
}
