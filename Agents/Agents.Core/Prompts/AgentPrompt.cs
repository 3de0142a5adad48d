using System;
using System.Collections.Generic;
using System.IO;

namespace Agents.Core.Prompts;

/// <summary>
/// An agent's prompt file from <c>Prompts/Agents/</c> (embedded as <c>Agents.Core.Prompts.&lt;file&gt;</c>): a front-matter
/// block with <c>name:</c> and <c>description:</c> between two <c>---</c> lines, then the instructions.
/// </summary>
/// <param name="Name">The agent's name (workflows and handoffs use it).</param>
/// <param name="Description">What the agent does (the coordinator's handoff functions show it).</param>
/// <param name="Instructions">The instructions.</param>
public sealed record AgentPrompt(string Name, string Description, string Instructions)
{
    /// <summary>Loads <c>Prompts/Agents/{file}.md</c>.</summary>
    /// <param name="file">The file name without <c>.md</c>, e.g. <c>coordinator</c>.</param>
    /// <returns>The prompt.</returns>
    /// <exception cref="ArgumentException">No such prompt file is embedded.</exception>
    /// <exception cref="InvalidDataException">The file lacks its front matter, a name or a description.</exception>
    public static AgentPrompt Load(string file) => Parse(Text(file), file);

    /// <summary>Reads the text of an embedded prompt file (also the templates without front matter).</summary>
    /// <param name="file">The file name without <c>.md</c>.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="ArgumentException">No such prompt file is embedded.</exception>
    public static string Text(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var resource = $"Agents.Core.Prompts.{file}.md";
        using var stream = typeof(AgentPrompt).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"There is no agent prompt '{file}' (resource {resource}); the files are Prompts/Agents/*.md.", nameof(file));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>Parses a prompt file's text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Where it came from, for errors.</param>
    /// <returns>The prompt.</returns>
    /// <exception cref="InvalidDataException">The front matter, the name or the description is missing.</exception>
    public static AgentPrompt Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var end = lines.Length > 0 && lines[0].Trim() == "---" ? Array.FindIndex(lines, 1, l => l.Trim() == "---") : -1;
        if (end < 0)
        {
            throw new InvalidDataException($"The agent prompt '{source}' has no front matter: start it with '---', name: and description: lines, then '---'.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < end; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        string Field(string key) => fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidDataException($"The agent prompt '{source}' has no '{key}:' in its front matter.");
        return new AgentPrompt(Field("name"), Field("description"), string.Join('\n', lines[(end + 1)..]).Trim());
    }
}
