using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Selection;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="ToolSelectionChatClient"/> to a chat-client pipeline.</summary>
public static class ToolSelectionChatClientBuilderExtensions
{
    /// <summary>
    /// Adds tool selection: each request offers the inner client only the tools the retriever shortlists for the last
    /// user message (see <see cref="ToolSelectionChatClient"/>). Added before <c>UseFunctionInvocation()</c> (outside
    /// it), it selects once per request and the whole tool loop uses the shortlist; added after it, it selects on every round.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="retriever">The retriever, or null to take <see cref="IToolRetriever"/> from the builder's services.</param>
    /// <param name="configure">Adjusts the options (validated now).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">No retriever is given and the services have none (when the pipeline is built).</exception>
    public static ChatClientBuilder UseToolSelection(this ChatClientBuilder builder, IToolRetriever? retriever = null, Action<ToolSelectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ToolSelectionOptions();
        configure?.Invoke(options);
        options.Validate();
        return builder.Use((inner, services) => new ToolSelectionChatClient(
            inner,
            retriever ?? services.GetService<IToolRetriever>()
                ?? throw new InvalidOperationException("UseToolSelection needs an IToolRetriever: pass one, or register one in the services (services.AddToolSelection())."),
            options,
            services.GetService<ILoggerFactory>()?.CreateLogger<ToolSelectionChatClient>()));
    }
}
