using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Selection;

namespace Plugins.Tools.SemanticKernel;

/// <summary>
/// Semantic Kernel filter that advertises to the model only the kernel functions the retriever shortlists for a
/// prompt function's rendered prompt. Register it as both an <see cref="IFunctionInvocationFilter"/> and an
/// <see cref="IPromptRenderFilter"/> (<c>kernel.UseToolSelection(...)</c> or <c>services.AddToolSelectionFilter()</c>).
/// </summary>
/// <remarks>
/// <para>
/// SK picks a prompt function's execution settings (<c>arguments.ExecutionSettings ?? function.ExecutionSettings</c>)
/// before its prompt-render filters run, and the function's own settings are frozen, so the filter works in two steps.
/// (1) As a function-invocation filter, for an invocation whose settings carry an Auto or Required
/// <see cref="FunctionChoiceBehavior"/>, it puts unfrozen clones of those settings into the invocation's
/// <see cref="KernelArguments.ExecutionSettings"/> for the duration of the call (the arguments' own settings are put
/// back afterwards; no settings object of the caller is modified). (2) As a prompt-render filter, once the prompt is
/// rendered, it retrieves <see cref="ToolSelectionOptions.TopK"/> of the functions the original behaviour would
/// advertise (all kernel functions, or its list), using the rendered prompt's text (markup removed) as the query,
/// and replaces the clone's behaviour with <see cref="FunctionChoiceBehavior.Auto"/> or
/// <see cref="FunctionChoiceBehavior.Required"/> over the shortlist plus <see cref="ToolSelectionOptions.AlwaysInclude"/>
/// (names as <c>plugin_function</c>, see <see cref="ToolName"/>), keeping its auto-invoke flag and options.
/// </para>
/// <para>
/// Nothing changes when no more than <see cref="ToolSelectionOptions.EffectiveMinimumToolCount"/> functions would be
/// advertised, for a <see cref="FunctionChoiceBehavior.None"/> behaviour, or for streaming invocations (SK renders a
/// streaming prompt after the invocation filter has returned; use the <c>UseToolSelection</c> chat-client middleware
/// for streaming). Invocations that share one <see cref="KernelArguments"/> instance must not run concurrently (SK
/// does not support that either). The selection is logged at Information. Thread-safe.
/// </para>
/// </remarks>
public sealed partial class ToolSelectionFilter : IFunctionInvocationFilter, IPromptRenderFilter
{
    private readonly IToolRetriever _retriever;
    private readonly ToolSelectionOptions _options;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<PromptExecutionSettings, PendingSelection> _pending = new();

    /// <summary>Creates the filter.</summary>
    /// <param name="retriever">Shortlists the functions.</param>
    /// <param name="options">The settings (copied and validated now), or null for the defaults.</param>
    /// <param name="logger">The logger, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public ToolSelectionFilter(IToolRetriever retriever, ToolSelectionOptions? options = null, ILogger<ToolSelectionFilter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        _retriever = retriever;
        _options = options?.Clone() ?? new ToolSelectionOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Returns the name the filter gives <paramref name="function"/> in its catalogue: <c>plugin_function</c> (the name SK's chat-client bridge gives the model), or the function name without a plugin.</summary>
    /// <param name="function">The kernel function.</param>
    /// <returns>The tool name.</returns>
    public static string ToolName(KernelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return string.IsNullOrEmpty(function.PluginName) ? function.Name : function.PluginName + "_" + function.Name;
    }

    /// <inheritdoc />
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var settings = context.Arguments.ExecutionSettings ?? context.Function.ExecutionSettings;
        if (context.IsStreaming || settings is null || !settings.Values.Any(s => s.FunctionChoiceBehavior is AutoFunctionChoiceBehavior or RequiredFunctionChoiceBehavior))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Arguments.ExecutionSettings;
        var clones = new Dictionary<string, PromptExecutionSettings>(settings.Count, StringComparer.Ordinal);
        foreach (var (serviceId, setting) in settings)
        {
            var clone = setting.Clone();
            if (setting.FunctionChoiceBehavior is AutoFunctionChoiceBehavior or RequiredFunctionChoiceBehavior)
            {
                _pending.AddOrUpdate(clone, new PendingSelection(setting.FunctionChoiceBehavior));
            }

            clones[serviceId] = clone;
        }

        context.Arguments.ExecutionSettings = clones;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Arguments.ExecutionSettings = original;
        }
    }

    /// <inheritdoc />
    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        if (context.ExecutionSettings is not { IsFrozen: false } settings
            || !_pending.TryGetValue(settings, out var pending)
            || context.RenderedPrompt is not { } rendered)
        {
            return;
        }

        _pending.Remove(settings);
        var configuration = pending.Behavior.GetConfiguration(new FunctionChoiceBehaviorConfigurationContext(new ChatHistory()) { Kernel = context.Kernel });
        var functions = configuration.Functions ?? [];
        if (functions.Count <= _options.EffectiveMinimumToolCount)
        {
            return;
        }

        var query = PromptText(rendered);
        if (string.IsNullOrWhiteSpace(query))
        {
            return;
        }

        var catalog = BuildCatalog(functions);
        if (catalog is null)
        {
            return;
        }

        var matches = await _retriever.RetrieveAsync(catalog, new ToolQuery(query), _options.TopK, context.CancellationToken).ConfigureAwait(false);
        var keep = new HashSet<string>(matches.Select(m => m.Tool.Name), StringComparer.Ordinal);
        keep.UnionWith(_options.AlwaysInclude);
        var shortlist = functions.Where(f => keep.Contains(ToolName(f))).ToArray();
        settings.FunctionChoiceBehavior = configuration.Choice == FunctionChoice.Required
            ? FunctionChoiceBehavior.Required(shortlist, configuration.AutoInvoke, configuration.Options)
            : FunctionChoiceBehavior.Auto(shortlist, configuration.AutoInvoke, configuration.Options);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(", ", matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Tool.Name} ({m.Score:G4})")));
            LogSelection(_logger, context.Function.Name, _retriever.Name, shortlist.Length, functions.Count, names);
        }
    }

    /// <summary>The text of a rendered prompt: chat-prompt markup (<c>&lt;message role="user"&gt;</c>) removed, entities decoded.</summary>
    internal static string PromptText(string rendered) =>
        WebUtility.HtmlDecode(MarkupPattern().Replace(rendered, " ")).Trim();

    private ToolCatalog? BuildCatalog(IReadOnlyList<KernelFunction> functions)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tools = new List<ToolDescriptor>(functions.Count);
        foreach (var function in functions)
        {
            var name = ToolName(function);
            if (!names.Add(name))
            {
                LogDuplicate(_logger, name);
                return null;
            }

            tools.Add(new ToolDescriptor
            {
                Name = name,
                Description = function.Description ?? string.Empty,
                ParametersSchema = function.JsonSchema,
                PluginName = function.PluginName,
                Tool = function,
            });
        }

        return new ToolCatalog(tools);
    }

    [GeneratedRegex("<[^<>]+>")]
    private static partial Regex MarkupPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool selection for prompt function {Function} ({Retriever}) advertises {Kept} of {Total} functions; shortlist: {Shortlist}")]
    private static partial void LogSelection(ILogger logger, string function, string retriever, int kept, int total, string shortlist);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool selection skipped, all functions are advertised: two kernel functions are both named '{Name}'.")]
    private static partial void LogDuplicate(ILogger logger, string name);

    private sealed record PendingSelection(FunctionChoiceBehavior Behavior);
}
