using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace Plugins.Affect.Stimuli;

/// <summary>
/// Semantic Kernel prompt-render filter that appends an emotional stimulus to the rendered prompt of the internal task
/// functions named in <see cref="EmotionalStimulusOptions.AllowedFunctions"/>, after the template has rendered
/// (<c>await next(context)</c>). Off by default (<see cref="EmotionalStimulusOptions.Enabled"/>), and a function not in
/// the allow-list is never changed. When the rendered prompt ends with a <c>&lt;message role="user"&gt;</c> block, the
/// stimulus goes inside it, before <c>&lt;/message&gt;</c>; a prompt ending with another role's message is left alone.
/// Per invocation, the kernel argument <c>emotional_stimulus</c> (<see cref="EmotionalStimulusChatClient.RequestKey"/>)
/// holds a stimulus id (applied even when disabled, still only to allowed functions) or <c>"none"</c>. Only the
/// prompt changes; the function's result is not touched. Thread-safe.
/// </summary>
public sealed partial class EmotionalStimulusPromptRenderFilter : IPromptRenderFilter
{
    private const string MessageClose = "</message>";

    private readonly EmotionalStimulusOptions _options;
    private readonly EmotionalStimulus _stimulus;
    private readonly ILogger _logger;

    /// <summary>Creates the filter.</summary>
    /// <param name="options">The options; validated now. Default: new options (disabled, no allowed functions).</param>
    /// <param name="logger">Logs, at Debug, which stimulus each prompt got.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public EmotionalStimulusPromptRenderFilter(EmotionalStimulusOptions? options = null, ILogger<EmotionalStimulusPromptRenderFilter>? logger = null)
    {
        _options = options ?? new EmotionalStimulusOptions();
        _stimulus = _options.Resolve();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);

        var function = context.Function;
        var allowed = _options.AllowedFunctions.Contains(function.Name)
            || (function.PluginName is { } plugin && _options.AllowedFunctions.Contains(plugin + "." + function.Name));
        if (!allowed || context.RenderedPrompt is not { } prompt)
        {
            return;
        }

        var stimulus = Choose(context.Arguments);
        if (stimulus is null)
        {
            return;
        }

        var changed = AppendToPrompt(prompt, stimulus, _options.Placement);
        if (changed is null)
        {
            LogSkipped(_logger, stimulus.Id, function.Name);
            return;
        }

        context.RenderedPrompt = changed;
        LogApplied(_logger, stimulus.Id, EmotionalStimulusSet.NameOf(stimulus.Theory), function.Name);
    }

    // Plain prompt: appended at the end. Chat prompt ending in </message>: inside the last message when it is the user's; otherwise null.
    internal static string? AppendToPrompt(string prompt, EmotionalStimulus stimulus, StimulusPlacement placement)
    {
        var trimmed = prompt.TrimEnd();
        if (!trimmed.EndsWith(MessageClose, StringComparison.OrdinalIgnoreCase))
        {
            return StimulusText.Append(prompt, stimulus, placement);
        }

        var close = trimmed.Length - MessageClose.Length;
        var open = trimmed.LastIndexOf("<message", close, StringComparison.OrdinalIgnoreCase);
        var openEnd = open < 0 ? -1 : trimmed.IndexOf('>', open);
        if (openEnd < 0 || openEnd > close)
        {
            return StimulusText.Append(prompt, stimulus, placement);
        }

        var tag = trimmed[open..openEnd];
        if (!tag.Contains("role=\"user\"", StringComparison.OrdinalIgnoreCase) && !tag.Contains("role='user'", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var body = trimmed[(openEnd + 1)..close];
        return trimmed[..(openEnd + 1)] + StimulusText.Append(body, stimulus, placement) + MessageClose;
    }

    private EmotionalStimulus? Choose(KernelArguments arguments)
    {
        if (!arguments.TryGetValue(EmotionalStimulusChatClient.RequestKey, out var value) || value is null)
        {
            return _options.Enabled ? _stimulus : null;
        }

        var id = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        if (string.Equals(id, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return _options.Stimuli.Find(id ?? string.Empty)
            ?? throw new ArgumentException($"The kernel argument '{EmotionalStimulusChatClient.RequestKey}' names the unknown stimulus '{id}'; known ids: {string.Join(", ", _options.Stimuli.All.Select(s => s.Id))}, or \"none\".", nameof(arguments));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Emotional stimulus '{Id}' ({Theory}) appended to the rendered prompt of '{Function}'")]
    private static partial void LogApplied(ILogger logger, string id, string theory, string function);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Emotional stimulus '{Id}' not applied to '{Function}': its rendered prompt ends with a message that is not the user's")]
    private static partial void LogSkipped(ILogger logger, string id, string function);
}
