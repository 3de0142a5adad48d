namespace Plugins.Affect.Text;

/// <summary>Scores the sentiment of a text offline. Implementations are thread-safe.</summary>
public interface ITextSentimentAnalyzer
{
    /// <summary>Scores <paramref name="text"/>.</summary>
    /// <param name="text">Any text (one sentence or a short paragraph); empty text scores neutral.</param>
    /// <returns>The scores and their drivers.</returns>
    SentimentScores Analyze(string text);
}
