using System;
using System.Collections.Frozen;

namespace Plugins.Tools.Evaluation.Overlap;

/// <summary>
/// English function words that carry no tool meaning: articles, pronouns, auxiliaries, prepositions, conjunctions,
/// question words and politeness fillers ("please", "could"). Our own list; matched before stemming, lower-case.
/// </summary>
internal static class StopWords
{
    private static readonly FrozenSet<string> Words = FrozenSet.Create(
        StringComparer.Ordinal,
        "a", "an", "the", "and", "or", "but", "nor", "if", "then", "else", "so", "than", "as", "because", "while",
        "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "into", "onto", "over", "under", "up", "down",
        "out", "off", "through", "between", "after", "before", "during", "without", "within", "via", "per", "against",
        "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "we", "us", "our", "ours", "he", "him",
        "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing", "done", "have", "has",
        "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ll", "re", "ve",
        "s", "t", "d", "m", "don", "doesn", "didn", "isn", "aren", "won", "what", "which", "who", "whom", "whose",
        "when", "where", "why", "how", "there", "here", "not", "no", "yes", "all", "any", "some", "each", "every",
        "both", "either", "neither", "such", "own", "same", "other", "another", "more", "most", "much", "many", "few",
        "very", "too", "also", "just", "only", "even", "still", "again", "already", "please", "kindly", "let", "lets",
        "ok", "okay", "hey", "hi", "thanks", "thank", "one", "ones", "something", "anything", "everything", "someone",
        "anyone", "whether", "once", "now", "right", "really", "quite", "like", "mind", "maybe");

    /// <summary>Returns whether <paramref name="word"/> (lower-case) is a stop word.</summary>
    public static bool Contains(string word) => Words.Contains(word);
}
