using System.Collections.Generic;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Evaluation;

/// <summary>The fixed label set of the generated faces: joy, sadness, anger, fear, surprise, disgust, neutral (in that order).</summary>
public static class FaceEmotions
{
    /// <summary>The label <c>joy</c>.</summary>
    public const string Joy = "joy";

    /// <summary>The label <c>sadness</c>.</summary>
    public const string Sadness = "sadness";

    /// <summary>The label <c>anger</c>.</summary>
    public const string Anger = "anger";

    /// <summary>The label <c>fear</c>.</summary>
    public const string Fear = "fear";

    /// <summary>The label <c>surprise</c>.</summary>
    public const string Surprise = "surprise";

    /// <summary>The label <c>disgust</c>.</summary>
    public const string Disgust = "disgust";

    /// <summary>The label <c>neutral</c>.</summary>
    public const string Neutral = "neutral";

    /// <summary>Gets the labels, in set order.</summary>
    public static IReadOnlyList<string> Labels { get; } = [Joy, Sadness, Anger, Fear, Surprise, Disgust, Neutral];

    /// <summary>Gets the label set, named <c>faces</c>, for <c>VisualEmotionReader</c>.</summary>
    public static EmotionLabelSet LabelSet { get; } = EmotionLabelSet.Create("faces", Labels);
}
