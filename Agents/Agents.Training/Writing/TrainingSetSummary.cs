using System.Collections.Generic;

namespace Agents.Training.Writing;

/// <summary>What a completed training set holds.</summary>
/// <param name="Folder">The training set folder (holding <c>examples.jsonl</c>, <c>images/</c> and <c>manifest.json</c>).</param>
/// <param name="Examples">The number of examples written.</param>
/// <param name="Images">The number of distinct image files written.</param>
/// <param name="Counts">The examples per task name, sorted by name.</param>
public sealed record TrainingSetSummary(string Folder, int Examples, int Images, IReadOnlyDictionary<string, int> Counts);
