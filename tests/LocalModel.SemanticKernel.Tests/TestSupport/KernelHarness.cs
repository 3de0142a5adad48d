using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LocalModel.SemanticKernel.Tests.TestSupport;

/// <summary>What the chat-completion tests share: a kernel over an engine with a recording logger, one completion streamed or not, and the prompts the client logged.</summary>
public static class KernelHarness
{
    /// <summary>A kernel with the local chat completion over <paramref name="engine"/>, logging into <paramref name="log"/>, and <paramref name="plugin"/> as "Weather".</summary>
    public static Kernel NewKernel(VlmEngine engine, RecordingLogger log, WeatherPlugin? plugin = null, Action<LocalVlmChatCompletionOptions>? configure = null)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<ILoggerFactory>(log);
        builder.AddLocalVlmChatCompletion(engine, configure: configure);
        if (plugin is not null)
        {
            builder.Plugins.AddFromObject(plugin, "Weather");
        }

        return builder.Build();
    }

    /// <summary>One completion's text, through the streaming or the non-streaming path.</summary>
    public static async Task<string> CompleteAsync(Kernel kernel, ChatHistory history, PromptExecutionSettings settings, bool streaming)
    {
        var service = kernel.GetRequiredService<IChatCompletionService>();
        if (!streaming)
        {
            return (await service.GetChatMessageContentAsync(history, settings, kernel)).Content ?? string.Empty;
        }

        var text = new StringBuilder();
        await foreach (var piece in service.GetStreamingChatMessageContentsAsync(history, settings, kernel))
        {
            text.Append(piece.Content);
        }

        return text.ToString();
    }

    /// <summary>The rendered prompts the chat client logged (trace level), in order.</summary>
    public static string[] Prompts(RecordingLogger log) =>
        log.Entries.Where(e => e.Level == LogLevel.Trace && e.Message.StartsWith("Chat prompt", StringComparison.Ordinal)).Select(e => e.Message).ToArray();
}
