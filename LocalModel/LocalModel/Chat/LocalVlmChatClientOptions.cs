using System;
using System.Linq;
using System.Collections.Generic;
using LocalModel.Selection;
using LocalModel.Pruning;

namespace LocalModel.Chat;

/// <summary>
/// Options of a <see cref="LocalVlmChatClient"/>. The client copies them when it is created, so later changes do not
/// affect it. Validated by <see cref="Validate"/> in the client's constructor.
/// </summary>
public sealed class LocalVlmChatClientOptions
{
    /// <summary>The name of the pruning method that keeps every visual token.</summary>
    public const string NoPruning = "none";

    /// <summary>Gets or sets the model id reported in responses and metadata; null (default) uses the package's name, else its folder name.</summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Gets or sets the chat template; null (default) uses the one the package's manifest names (<c>chat_template</c>),
    /// looked up in <see cref="ChatTemplates"/>.
    /// </summary>
    public IChatTemplate? ChatTemplate { get; set; }

    /// <summary>
    /// Gets the chat templates the package's <c>chat_template</c> name is looked up in when <see cref="ChatTemplate"/>
    /// is null: the built-ins (<c>llava-v1</c>, <c>chatml</c>) plus any registered here. Per options instance; a
    /// client copies it when it is created, so registering here affects only clients created afterwards with these options.
    /// </summary>
    public ChatTemplateRegistry ChatTemplates { get; private init; } = new();

    /// <summary>Gets or sets the system prompt used when a conversation has no system message; null (default) uses the template's own.</summary>
    public string? DefaultSystemPrompt { get; set; }

    /// <summary>Gets or sets the maximum number of tokens generated when <c>ChatOptions.MaxOutputTokens</c> is not set. Default 256.</summary>
    public int DefaultMaxOutputTokens { get; set; } = 256;

    /// <summary>
    /// Gets the visual-token selectors that <c>pruning_method</c> can name (case-insensitive), in addition to
    /// <c>none</c>. Empty by default.
    /// </summary>
    public IDictionary<string, IVisualTokenSelector> VisualTokenSelectors { get; } = new Dictionary<string, IVisualTokenSelector>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the pruning method used when a request names none. Default <c>none</c>.</summary>
    public string DefaultPruningMethod { get; set; } = NoPruning;

    /// <summary>Gets or sets the visual token budget used when a request gives none; null (default) keeps the selector's choice of all tokens.</summary>
    public VisualTokenBudget? DefaultVisualTokenBudget { get; set; }

    /// <summary>
    /// Gets or sets whether <c>UriContent</c> with a <c>file:</c> URI is read from disk. Default true. Turn it off when
    /// messages come from callers who must not read this machine's files. Other schemes are never fetched.
    /// </summary>
    public bool AllowFileUris { get; set; } = true;

    /// <summary>
    /// Gets or sets whether a history may hold calls to tools that are not in <c>ChatOptions.Tools</c> (when tools are
    /// offered). Default false: such a call is an error naming the tool.
    /// </summary>
    public bool AllowUnknownToolsInHistory { get; set; }

    /// <summary>
    /// Gets or sets whether a <c>ChatOptions.AdditionalProperties</c> key the client does not read
    /// (<see cref="LocalVlmRequestSettings.Keys"/>) is an error. Default false: such keys are ignored and logged at
    /// debug level, since other layers (Agent Framework, Semantic Kernel, HTTP front ends) add keys of their own.
    /// Turn it on to catch misspelt settings. Known keys with invalid values are errors either way.
    /// </summary>
    public bool StrictRequestSettings { get; set; }

    /// <summary>Throws naming the first invalid option.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DefaultMaxOutputTokens);
        ArgumentException.ThrowIfNullOrWhiteSpace(DefaultPruningMethod);
        if (!Pruning.VisualTokenSelectors.IsKnown(DefaultPruningMethod) && !VisualTokenSelectors.ContainsKey(DefaultPruningMethod))
        {
            throw new ArgumentException($"DefaultPruningMethod '{DefaultPruningMethod}' is neither a built-in method ({string.Join(", ", Pruning.VisualTokenSelectors.MethodNames.Concat(Pruning.VisualTokenSelectors.InLlmMethodNames))}) nor in VisualTokenSelectors ({string.Join(", ", VisualTokenSelectors.Keys)}).", nameof(DefaultPruningMethod));
        }

        foreach (var (name, selector) in VisualTokenSelectors)
        {
            if (string.IsNullOrWhiteSpace(name) || selector is null)
            {
                throw new ArgumentException("VisualTokenSelectors holds an empty name or a null selector.", nameof(VisualTokenSelectors));
            }
        }
    }

    /// <summary>Returns a copy (the selector dictionary copied, the selectors shared).</summary>
    internal LocalVlmChatClientOptions Clone()
    {
        var copy = new LocalVlmChatClientOptions
        {
            ModelId = ModelId,
            ChatTemplate = ChatTemplate,
            ChatTemplates = ChatTemplates.Clone(),
            DefaultSystemPrompt = DefaultSystemPrompt,
            DefaultMaxOutputTokens = DefaultMaxOutputTokens,
            DefaultPruningMethod = DefaultPruningMethod,
            DefaultVisualTokenBudget = DefaultVisualTokenBudget,
            AllowFileUris = AllowFileUris,
            AllowUnknownToolsInHistory = AllowUnknownToolsInHistory,
            StrictRequestSettings = StrictRequestSettings,
        };
        foreach (var (name, selector) in VisualTokenSelectors)
        {
            copy.VisualTokenSelectors[name] = selector;
        }

        return copy;
    }
}
