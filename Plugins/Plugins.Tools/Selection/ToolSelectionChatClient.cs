using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;

namespace Plugins.Tools.Selection;

/// <summary>
/// Chat-client middleware that offers the model only the tools that fit the request: the functions in
/// <see cref="ChatOptions.Tools"/> are catalogued, the retriever shortlists <see cref="ToolSelectionOptions.TopK"/> of
/// them for the last user message (its text and images), and the inner client gets a clone of the options holding
/// only the shortlist, the <see cref="ToolSelectionOptions.AlwaysInclude"/> tools, the tool a
/// <see cref="RequiredChatToolMode"/> names, the tools already called in the conversation (the local client rejects
/// history calls to tools not offered) and every tool that is not an <see cref="AIFunctionDeclaration"/>.
/// </summary>
/// <remarks>
/// Nothing is selected (the request passes unchanged) when no more than
/// <see cref="ToolSelectionOptions.EffectiveMinimumToolCount"/> functions are offered, when the tool mode is
/// <see cref="ChatToolMode.None"/>, when there is no user text, or when two functions share a name (logged). The
/// caller's messages and options are never modified. The catalogue is kept per tools list and reused while the list
/// holds the same tool instances; a new list (Semantic Kernel's bridge makes one per request) gets a new catalogue,
/// whose cost is one SHA-256 over the tools' text, and the retrievers' indexes stay cached by that content
/// (<see cref="ToolCatalog.Fingerprint"/>). The selection is logged at Information (count, names and scores). Thread-safe.
/// </remarks>
public sealed partial class ToolSelectionChatClient : DelegatingChatClient
{
    private readonly IToolRetriever _retriever;
    private readonly ToolSelectionOptions _options;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<IList<AITool>, CatalogEntry> _catalogs = new();

    /// <summary>Creates the middleware over <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client that receives the reduced requests.</param>
    /// <param name="retriever">Shortlists the tools.</param>
    /// <param name="options">The settings (copied and validated now), or null for the defaults.</param>
    /// <param name="logger">The logger, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public ToolSelectionChatClient(IChatClient innerClient, IToolRetriever retriever, ToolSelectionOptions? options = null, ILogger<ToolSelectionChatClient>? logger = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        _retriever = retriever;
        _options = options?.Clone() ?? new ToolSelectionOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the retriever that shortlists the tools.</summary>
    public IToolRetriever Retriever => _retriever;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var selected = await SelectAsync(list, options, cancellationToken).ConfigureAwait(false);
        return await base.GetResponseAsync(list, selected, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var selected = await SelectAsync(list, options, cancellationToken).ConfigureAwait(false);
        await foreach (var update in base.GetStreamingResponseAsync(list, selected, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <summary>The options to send: the caller's own when nothing is selected, otherwise a clone with the reduced tool list.</summary>
    private async Task<ChatOptions?> SelectAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (options?.Tools is not { Count: > 0 } tools || options.ToolMode is NoneChatToolMode)
        {
            return options;
        }

        var functionCount = tools.Count(t => t is AIFunctionDeclaration);
        if (functionCount <= _options.EffectiveMinimumToolCount)
        {
            return options;
        }

        var query = BuildQuery(messages);
        if (query is null)
        {
            LogNoQuery(_logger, functionCount);
            return options;
        }

        var catalog = GetCatalog(tools);
        if (catalog is null)
        {
            return options;
        }

        var matches = await _retriever.RetrieveAsync(catalog, query, _options.TopK, cancellationToken).ConfigureAwait(false);
        var keep = new HashSet<string>(matches.Select(m => m.Tool.Name), StringComparer.Ordinal);
        keep.UnionWith(_options.AlwaysInclude);
        if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } required })
        {
            keep.Add(required);
        }

        foreach (var message in messages)
        {
            foreach (var call in message.Contents.OfType<FunctionCallContent>())
            {
                keep.Add(call.Name);
            }
        }

        var clone = options.Clone();
        clone.Tools = tools.Where(t => t is not AIFunctionDeclaration || keep.Contains(t.Name)).ToList();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var shortlist = string.Join(", ", matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Tool.Name} ({m.Score:G4})")));
            LogSelection(_logger, _retriever.Name, clone.Tools.Count(t => t is AIFunctionDeclaration), functionCount, shortlist);
        }

        return clone;
    }

    /// <summary>The last user message's text and images, or null when it has no text.</summary>
    internal static ToolQuery? BuildQuery(IReadOnlyList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.Role != ChatRole.User)
            {
                continue;
            }

            var text = message.Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return new ToolQuery(text)
            {
                Images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToArray(),
            };
        }

        return null;
    }

    private ToolCatalog? GetCatalog(IList<AITool> tools)
    {
        if (_catalogs.TryGetValue(tools, out var cached) && cached.Matches(tools))
        {
            return cached.Catalog;
        }

        ToolCatalog catalog;
        try
        {
            catalog = ToolCatalog.FromAIFunctions(tools.OfType<AIFunctionDeclaration>());
        }
        catch (ArgumentException e)
        {
            LogBadCatalog(_logger, e.Message);
            return null;
        }

        _catalogs.AddOrUpdate(tools, new CatalogEntry(tools.ToArray(), catalog));
        return catalog;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool selection ({Retriever}) offers {Kept} of {Total} functions; shortlist: {Shortlist}")]
    private static partial void LogSelection(ILogger logger, string retriever, int kept, int total, string shortlist);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool selection skipped: the last user message has no text to select {Total} functions by.")]
    private static partial void LogNoQuery(ILogger logger, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool selection skipped, all tools are offered: {Problem}")]
    private static partial void LogBadCatalog(ILogger logger, string problem);

    private sealed record CatalogEntry(AITool[] Snapshot, ToolCatalog Catalog)
    {
        public bool Matches(IList<AITool> tools)
        {
            if (tools.Count != Snapshot.Length)
            {
                return false;
            }

            for (var i = 0; i < Snapshot.Length; i++)
            {
                if (!ReferenceEquals(tools[i], Snapshot[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
