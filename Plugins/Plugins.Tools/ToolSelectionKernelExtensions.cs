using System;
using Microsoft.Extensions.Logging;
using Plugins.Tools.Retrieval;
using Plugins.Tools.SemanticKernel;
using Plugins.Tools.Selection;

namespace Microsoft.SemanticKernel;

/// <summary>Adds tool selection to a <see cref="Kernel"/>.</summary>
public static class ToolSelectionKernelExtensions
{
    /// <summary>
    /// Adds a <see cref="ToolSelectionFilter"/> to <paramref name="kernel"/>'s function-invocation and prompt-render
    /// filters, so prompt functions with an Auto or Required function choice advertise only the shortlisted functions.
    /// </summary>
    /// <param name="kernel">The kernel.</param>
    /// <param name="retriever">Shortlists the functions.</param>
    /// <param name="configure">Adjusts the options (validated now).</param>
    /// <param name="loggerFactory">Creates the filter's logger, or null for the kernel's.</param>
    /// <returns>The filter added.</returns>
    public static ToolSelectionFilter UseToolSelection(this Kernel kernel, IToolRetriever retriever, Action<ToolSelectionOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(retriever);
        var options = new ToolSelectionOptions();
        configure?.Invoke(options);
        var filter = new ToolSelectionFilter(retriever, options, (loggerFactory ?? kernel.LoggerFactory).CreateLogger<ToolSelectionFilter>());
        kernel.FunctionInvocationFilters.Add(filter);
        kernel.PromptRenderFilters.Add(filter);
        return filter;
    }
}
