using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;

namespace Agents.Mcp;

/// <summary>
/// Turns Semantic Kernel plugins into Model Context Protocol tools: each <see cref="KernelFunction"/> becomes one
/// <see cref="McpServerTool"/> named <c>{plugin}_{function}</c>, with the function's description and JSON schema,
/// invoked through the given kernel so its filters and services apply as in a chat.
/// </summary>
public static partial class McpKernelTools
{
    /// <summary>Creates one MCP tool per function of <paramref name="kernel"/>'s plugins.</summary>
    /// <param name="kernel">The kernel whose plugins to expose; its functions run through it.</param>
    /// <returns>The tools, in plugin then function order.</returns>
    /// <exception cref="ArgumentException">Two functions map to the same tool name, or a name is not a valid MCP tool name.</exception>
    public static IReadOnlyList<McpServerTool> Create(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var tools = new List<McpServerTool>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in kernel.Plugins)
        {
            foreach (var function in plugin)
            {
                var name = ToolName(plugin.Name, function.Name);
                if (!names.Add(name))
                {
                    throw new ArgumentException($"The plugins give the MCP tool name '{name}' twice (plugin '{plugin.Name}', function '{function.Name}'); rename a plugin.", nameof(kernel));
                }

                tools.Add(McpServerTool.Create(new KernelFunctionTool(function, kernel, name), new McpServerToolCreateOptions { Name = name, Description = function.Description }));
            }
        }

        return tools;
    }

    /// <summary>The tool name of a plugin's function: <c>{plugin}_{function}</c>.</summary>
    /// <param name="plugin">The plugin name.</param>
    /// <param name="function">The function name.</param>
    /// <returns>The tool name.</returns>
    /// <exception cref="ArgumentException">The name has characters MCP tool names do not allow (letters, digits, _, - and . only, at most 128).</exception>
    public static string ToolName(string plugin, string function)
    {
        var name = $"{plugin}_{function}";
        return ValidName().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid MCP tool name (letters, digits, '_', '-' and '.', 1 to 128 characters); rename the plugin or function.", nameof(function));
    }

    /// <summary>The tools' names, for listings.</summary>
    /// <param name="tools">The tools.</param>
    /// <returns>Their names.</returns>
    public static IReadOnlyList<string> Names(IEnumerable<McpServerTool> tools) => [.. tools.Select(t => t.ProtocolTool.Name)];

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex ValidName();
}
