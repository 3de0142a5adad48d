using System.Collections.Generic;
using System.Text.Json;

namespace Plugins.Affect.Evaluation;

/// <summary>The scores of a visual emotion evaluation.</summary>
/// <param name="Count">Faces scored.</param>
/// <param name="Correct">Faces read right.</param>
/// <param name="Unusable">Answers that did not parse (counted wrong).</param>
/// <param name="Accuracy">The headline figure: <paramref name="Correct"/> / <paramref name="Count"/>.</param>
/// <param name="MeanMilliseconds">The mean time per face.</param>
/// <param name="PerLabel">The accuracy per true label, in label-set order.</param>
/// <param name="Labels">The labels, in the confusion matrix's order.</param>
/// <param name="Confusion">Counts: row = true label, column = predicted label, last column = unusable answer.</param>
/// <param name="Outcomes">One entry per face, in data order.</param>
public sealed record VisualEmotionEvaluation(
    int Count,
    int Correct,
    int Unusable,
    double Accuracy,
    double MeanMilliseconds,
    IReadOnlyList<EmotionLabelScore> PerLabel,
    IReadOnlyList<string> Labels,
    IReadOnlyList<IReadOnlyList<int>> Confusion,
    IReadOnlyList<VisualEmotionOutcome> Outcomes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The evaluation as indented JSON (camel-case fields).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
