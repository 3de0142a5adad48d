using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Support;

/// <summary>
/// The support prompt templates embedded from <c>Prompts/Affect/Support/*.md</c> (resource
/// <c>Plugins.Affect.Prompts.Support.&lt;file&gt;</c>), and the conversation transcript they embed. Thread-safe.
/// </summary>
internal static class SupportPrompt
{
    public const string Planner = "planner.md";

    public const string Responder = "responder.md";

    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>The template text of <paramref name="file"/>.</summary>
    public static string Template(string file) => Templates.GetOrAdd(file, static name =>
    {
        var resource = "Plugins.Affect.Prompts.Support." + name;
        using var stream = typeof(SupportPrompt).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The prompt resource '{resource}' is missing from Plugins.Affect; it is built from Prompts/Affect/Support/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    });

    /// <summary>Fills <c>{key}</c> placeholders (keys and values in pairs).</summary>
    public static string Fill(string template, params (string Key, string Value)[] values)
    {
        var text = template;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// The last <paramref name="maxMessages"/> user and assistant messages with text (system and tool messages are
    /// left out), checked: there must be at least one and the last must be the seeker's (user).
    /// </summary>
    public static List<ChatMessage> Recent(IReadOnlyList<ChatMessage> conversation, int maxMessages, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(conversation, parameterName);
        var turns = conversation
            .Where(m => (m.Role == ChatRole.User || m.Role == ChatRole.Assistant) && !string.IsNullOrWhiteSpace(m.Text))
            .ToList();
        if (turns.Count == 0 || turns[^1].Role != ChatRole.User)
        {
            throw new ArgumentException("The conversation must end with the seeker's (user) message with text; the supporter's next turn is what is planned.", parameterName);
        }

        return turns.Skip(Math.Max(0, turns.Count - maxMessages)).ToList();
    }

    /// <summary>"Seeker: ..." and "Supporter: ..." lines.</summary>
    public static string Transcript(IEnumerable<ChatMessage> turns)
    {
        var text = new StringBuilder();
        foreach (var turn in turns)
        {
            text.Append(turn.Role == ChatRole.User ? "Seeker: " : "Supporter: ").Append(turn.Text.Trim()).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Reads a plugin call's conversation: earlier turns in <paramref name="history"/>, one per line, each starting with
    /// <c>seeker:</c>/<c>user:</c> or <c>supporter:</c>/<c>assistant:</c> (a line without a prefix continues the previous
    /// turn, or is the seeker's when first), then <paramref name="message"/> as the seeker's latest turn.
    /// </summary>
    public static List<ChatMessage> FromText(string message, string? history)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ArgumentException("The seeker's message is empty; give the text the supporter answers.", nameof(message));
        }

        var turns = new List<(ChatRole Role, StringBuilder Text)>();
        foreach (var raw in (history ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            ChatRole? role = null;
            foreach (var (prefix, r) in new[] { ("seeker:", ChatRole.User), ("user:", ChatRole.User), ("supporter:", ChatRole.Assistant), ("assistant:", ChatRole.Assistant) })
            {
                if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    role = r;
                    line = line[prefix.Length..].Trim();
                    break;
                }
            }

            if (role is null && turns.Count > 0)
            {
                turns[^1].Text.Append(' ').Append(line);
            }
            else
            {
                turns.Add((role ?? ChatRole.User, new StringBuilder(line)));
            }
        }

        var messages = turns.Select(t => new ChatMessage(t.Role, t.Text.ToString())).ToList();
        messages.Add(new ChatMessage(ChatRole.User, message.Trim()));
        return messages;
    }
}
