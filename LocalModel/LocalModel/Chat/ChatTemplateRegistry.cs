using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace LocalModel.Chat;

/// <summary>
/// Chat templates by name, held per <see cref="LocalVlmChatClientOptions"/> (its <see cref="LocalVlmChatClientOptions.ChatTemplates"/>):
/// a new registry holds the built-ins, <c>llava-v1</c> (<see cref="LlavaV1ChatTemplate"/>), <c>chatml</c>
/// (<see cref="ChatMlChatTemplate"/>) and <c>qwen2.5-vl</c> (<see cref="Qwen25VlChatTemplate"/>); what one registry registers no other registry sees, so an app cannot change the
/// templates of another client in the process. Names are case-insensitive. Thread-safe.
/// </summary>
public sealed class ChatTemplateRegistry
{
    private readonly ConcurrentDictionary<string, IChatTemplate> _templates;

    /// <summary>Initializes a new instance of the <see cref="ChatTemplateRegistry"/> class holding the built-in templates.</summary>
    public ChatTemplateRegistry()
        : this(ChatTemplates.BuiltIn)
    {
    }

    private ChatTemplateRegistry(IEnumerable<KeyValuePair<string, IChatTemplate>> templates) =>
        _templates = new ConcurrentDictionary<string, IChatTemplate>(templates, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _templates.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Registers <paramref name="template"/> under <paramref name="name"/> in this registry only, replacing any template of that name (built-ins included).</summary>
    /// <param name="name">The name packages refer to in their manifest's <c>chat_template</c>.</param>
    /// <param name="template">The template.</param>
    /// <returns>This registry.</returns>
    public ChatTemplateRegistry Register(string name, IChatTemplate template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(template);
        _templates[name] = template;
        return this;
    }

    /// <summary>Looks a template up by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="template">The template, when found.</param>
    /// <returns>Whether a template has that name.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out IChatTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _templates.TryGetValue(name, out template);
    }

    /// <summary>Gets the template registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ArgumentException">No template has that name; the message lists the names known.</exception>
    public IChatTemplate Get(string name) =>
        TryGet(name, out var template)
            ? template
            : throw new ArgumentException($"Chat template '{name}' is unknown ({string.Join(", ", Names)}); register it in LocalVlmChatClientOptions.ChatTemplates or set LocalVlmChatClientOptions.ChatTemplate.", nameof(name));

    /// <summary>Returns an independent copy (the templates themselves are shared; they are stateless).</summary>
    /// <returns>The copy.</returns>
    public ChatTemplateRegistry Clone() => new(_templates);
}
