using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Stimuli;

/// <summary>Appends a stimulus to a prompt, and to the last user message of a chat request (cloned, never in place).</summary>
internal static class StimulusText
{
    /// <summary>The prompt, its trailing white space replaced by the placement's separator, then the stimulus.</summary>
    public static string Append(string prompt, EmotionalStimulus stimulus, StimulusPlacement placement)
    {
        var body = prompt.TrimEnd();
        if (body.Length == 0)
        {
            return stimulus.Text;
        }

        return body + (placement == StimulusPlacement.AppendOnNewLine ? "\n" : " ") + stimulus.Text;
    }

    /// <summary>
    /// A copy of <paramref name="messages"/> whose last user message is a clone with the stimulus appended to its last
    /// <see cref="TextContent"/>; the other messages are the same instances. <see langword="null"/> when no user message has text.
    /// </summary>
    public static List<ChatMessage>? AppendToLastUserMessage(IReadOnlyList<ChatMessage> messages, EmotionalStimulus stimulus, StimulusPlacement placement)
    {
        for (var m = messages.Count - 1; m >= 0; m--)
        {
            var message = messages[m];
            if (message.Role != ChatRole.User)
            {
                continue;
            }

            var contents = message.Contents;
            for (var c = contents.Count - 1; c >= 0; c--)
            {
                if (contents[c] is not TextContent text)
                {
                    continue;
                }

                var appended = new TextContent(Append(text.Text ?? string.Empty, stimulus, placement))
                {
                    AdditionalProperties = text.AdditionalProperties?.Clone(),
                    Annotations = text.Annotations,
                    RawRepresentation = text.RawRepresentation,
                };
                var clone = message.Clone();
                clone.Contents = contents.Select((content, i) => i == c ? appended : content).ToList();
                var copy = messages.ToList();
                copy[m] = clone;
                return copy;
            }

            return null;
        }

        return null;
    }
}
