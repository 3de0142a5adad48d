using System;
using System.Collections.Generic;
using System.Linq;
using Plugins.Tools.Retrieval.Lexical;

namespace Plugins.Tools.Evaluation.Overlap;

/// <summary>
/// The low-overlap measure: how many of an instruction's content words a tool's name and description share.
/// Text is cut into terms by the BM25 retriever's own <see cref="ToolTextTokenizer"/> (split on anything but
/// letters and digits and at case changes, lower-cased, English stop words removed, Porter-stemmed), and terms of one
/// character or only digits are dropped. An instruction is <em>low-overlap</em> when the acceptable tool sharing the most stems with it
/// shares at most <see cref="LowOverlapMaxSharedStems"/> (one). Thread-safe.
/// </summary>
public static class LexicalOverlap
{
    /// <summary>The most content stems a low-overlap instruction shares with any of its acceptable tools: 1.</summary>
    public const int LowOverlapMaxSharedStems = 1;

    /// <summary>Returns the distinct content-word stems of <paramref name="text"/>, in order of first appearance.</summary>
    /// <param name="text">Any text: an instruction, a tool name, a description.</param>
    public static IReadOnlyList<string> ContentStems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in ToolTextTokenizer.Tokenize(text))
        {
            if (stem.Length < 2 || stem.All(char.IsAsciiDigit))
            {
                continue;
            }

            if (seen.Add(stem))
            {
                stems.Add(stem);
            }
        }

        return stems;
    }

    /// <summary>Measures <paramref name="instruction"/> against each acceptable tool's name and description and keeps the best-overlapping one.</summary>
    /// <param name="instruction">The query's instruction.</param>
    /// <param name="acceptableTools">The acceptable tools' (name, description) pairs.</param>
    /// <returns>The instruction's stems, the best tool and the stems it shares.</returns>
    public static OverlapResult Measure(string instruction, IEnumerable<(string Name, string Description)> acceptableTools)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(acceptableTools);
        var stems = ContentStems(instruction);
        string? bestTool = null;
        IReadOnlyList<string> bestShared = [];
        foreach (var (name, description) in acceptableTools)
        {
            var toolStems = new HashSet<string>(ContentStems(name + " " + description), StringComparer.Ordinal);
            var shared = stems.Where(toolStems.Contains).ToArray();
            if (bestTool is null || shared.Length > bestShared.Count)
            {
                bestTool = name;
                bestShared = shared;
            }
        }

        return new OverlapResult(stems, bestTool, bestShared);
    }
}
