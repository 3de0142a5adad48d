using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.SemanticKernel;

/// <summary>A kernel with 32 functions in 4 plugins over a fake chat client, registered through SK's IChatClient bridge.</summary>
public static class KernelFixtures
{
    public static readonly string[] PluginNames = ["Weather", "Mail", "Calendar", "Music"];

    public static Kernel Create(IChatClient chatClient)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(chatClient.AsChatCompletionService());
        var kernel = builder.Build();
        foreach (var plugin in PluginNames)
        {
            var functions = Enumerable.Range(0, 8)
                .Select(i => KernelFunctionFactory.CreateFromMethod((string value) => value, $"action{i}", $"{plugin} action number {i}"))
                .ToArray();
            kernel.Plugins.Add(KernelPluginFactory.CreateFromFunctions(plugin, functions));
        }

        return kernel;
    }

    public static IReadOnlyList<string> OfferedTools(FakeChatClient chatClient) =>
        chatClient.Requests[^1].Options?.Tools?.Select(t => t.Name).Order().ToArray() ?? [];
}
