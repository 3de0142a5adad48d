using System;
using Plugins.Affect.Text;

namespace Plugins.Affect.Tests.Emotions;

/// <summary>A sentiment analyzer that returns fixed scores and counts its calls.</summary>
internal sealed class FakeSentimentAnalyzer(double compound, params (string Word, double Valence)[] drivers) : ITextSentimentAnalyzer
{
    public int Calls { get; private set; }

    public SentimentScores Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Calls++;
        return new SentimentScores
        {
            Negative = compound < 0 ? 0.5 : 0,
            Neutral = 0.5,
            Positive = compound > 0 ? 0.5 : 0,
            Compound = compound,
            Drivers = Array.ConvertAll(drivers, d => new SentimentDriver(d.Word, d.Valence)),
        };
    }
}
