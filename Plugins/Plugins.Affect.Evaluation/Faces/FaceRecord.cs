using System.Collections.Generic;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>One line of <c>faces.jsonl</c>: a generated face image and its emotion.</summary>
/// <param name="Id">The item id, e.g. <c>train-7-000012</c>.</param>
/// <param name="Image">The PNG's path relative to the data folder, e.g. <c>images/train-7-000012.png</c>.</param>
/// <param name="Label">The emotion, from <see cref="FaceEmotions.LabelSet"/>.</param>
/// <param name="Clues">Short clues true of the drawn face, most telling first (e.g. <c>upturned mouth</c>, <c>tears</c>).</param>
/// <param name="Split"><c>train</c> or <c>heldout</c>.</param>
/// <param name="Style">Head shape, palette and scene cue, e.g. <c>oval/mint/sun</c>.</param>
public sealed record FaceRecord(string Id, string Image, string Label, IReadOnlyList<string> Clues, string Split, string Style);
