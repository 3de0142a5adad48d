using System.Collections.Generic;
using System.Linq;

namespace Agents.Bench;

/// <summary>The default benchmark input: 64 everyday sentences of 6 to 20 words.</summary>
public static class EmbeddingBenchmarkSentences
{
    private static readonly string[] Subjects =
    [
        "The support team", "My neighbour", "A delivery driver", "The new intern",
        "Our largest customer", "The city council", "A software engineer", "The head chef",
    ];

    private static readonly string[] Predicates =
    [
        "asked how to reset a forgotten password",
        "reported that the invoice for last month was charged twice",
        "wants to move the weekly planning meeting to Thursday afternoon",
        "recommended a small Italian restaurant near the train station",
        "could not sign in after the latest update to the mobile app",
        "is looking for a quiet place to work with a fast internet connection",
        "shared a photo of the sunset over the harbour",
        "needs a summary of the quarterly sales figures before the board meeting",
    ];

    /// <summary>Gets the 64 sentences: every subject with every predicate.</summary>
    public static IReadOnlyList<string> Default { get; } =
        Subjects.SelectMany(subject => Predicates.Select(predicate => $"{subject} {predicate}.")).ToArray();
}
