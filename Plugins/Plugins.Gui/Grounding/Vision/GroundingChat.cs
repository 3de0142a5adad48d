using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Vision;

/// <summary>One grounding question to a vision model: the prompt text and the image, with the caller's options cloned.</summary>
internal static class GroundingChat
{
    /// <summary>
    /// A copy of <paramref name="requested"/> (never the caller's instance: its <see cref="ChatOptions.AdditionalProperties"/>,
    /// e.g. visual-token pruning settings, travel in the copy) with temperature and output length set where the caller
    /// left them unset.
    /// </summary>
    public static ChatOptions Options(ChatOptions? requested, float temperature, int maxOutputTokens)
    {
        var options = requested?.Clone() ?? new ChatOptions();
        options.Temperature ??= temperature;
        options.MaxOutputTokens ??= maxOutputTokens;
        return options;
    }

    /// <summary>The messages of one question: a user message with the prompt text and the image as <c>image/png</c> <see cref="DataContent"/>.</summary>
    public static IReadOnlyList<ChatMessage> Messages(string prompt, PageScreenshot image) =>
        [new ChatMessage(ChatRole.User, [new TextContent(prompt), new DataContent(image.Png, "image/png")])];

    /// <summary>
    /// Asks the model and returns its text answer. A failed call (the model rejects the request, e.g. a prompt longer
    /// than its context, or the endpoint fails) is returned as text that no parser accepts, prefixed
    /// <see cref="FailurePrefix"/>, so it counts as an unusable answer (a miss) instead of ending the caller's task;
    /// cancellation still throws.
    /// </summary>
    public static async Task<string> AskAsync(IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetResponseAsync([.. messages], options, cancellationToken).ConfigureAwait(false);
            return response.Text;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"{FailurePrefix} {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Starts the text <see cref="AskAsync"/> returns for a failed model call.</summary>
    public const string FailurePrefix = "<model call failed>";
}
