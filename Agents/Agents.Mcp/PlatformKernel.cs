using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Plugins.Affect;
using Plugins.Affect.Support;
using Plugins.Gui.Actions;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.SemanticKernel;

namespace Agents.Mcp;

/// <summary>
/// The kernel with the platform's plugins, as registered by
/// <see cref="Microsoft.Extensions.DependencyInjection.PlatformToolsServiceCollectionExtensions.AddPlatformTools"/>: <c>gui</c>, <c>affect</c>, <c>support</c>,
/// and <c>tools</c>, whose <c>find_tools</c> searches the other three plugins' functions.
/// </summary>
public static class PlatformKernel
{
    /// <summary>The plugin names, in the order the kernel holds them.</summary>
    public static readonly string[] PluginNames = ["gui", "affect", "support", "tools"];

    /// <summary>Builds the kernel from <paramref name="services"/>, a scope's provider: the GUI plugin is scoped (one page per scope).</summary>
    /// <param name="services">The services (a scope of a container with the platform tools).</param>
    /// <returns>The kernel.</returns>
    /// <exception cref="InvalidOperationException">A service the plugins need is missing (the message names it).</exception>
    public static Kernel Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var kernel = new Kernel(services);
        kernel.Plugins.AddFromObject(services.GetRequiredService<GuiPlugin>(), "gui");
        kernel.Plugins.AddFromObject(services.GetRequiredService<AffectPlugin>(), "affect");
        kernel.Plugins.AddFromObject(services.GetRequiredService<EmotionalSupportPlugin>(), "support");
        var catalog = ToolCatalog.FromKernelPlugins([.. kernel.Plugins], kernel);
        kernel.Plugins.AddFromObject(new ToolSelectionPlugin(catalog, services.GetRequiredService<IToolRetriever>(), services.GetService<Plugins.Tools.Selection.ToolSelectionOptions>()), "tools");
        return kernel;
    }
}
