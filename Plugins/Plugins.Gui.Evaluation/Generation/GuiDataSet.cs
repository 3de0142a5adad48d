using System.Collections.Generic;
using Plugins.Gui.Evaluation.Data;

namespace Plugins.Gui.Evaluation.Generation;

/// <summary>What <see cref="GuiDataGenerator"/> wrote.</summary>
/// <param name="Folder">The output folder (full path).</param>
/// <param name="TasksFile">The tasks.jsonl file.</param>
/// <param name="ScreenSpotFile">The screenspot.json file.</param>
/// <param name="Pages">How many pages were written.</param>
/// <param name="Tasks">The tasks, in file order.</param>
/// <param name="KindCounts">Pages per content kind.</param>
public sealed record GuiDataSet(string Folder, string TasksFile, string ScreenSpotFile, int Pages, IReadOnlyList<PageTask> Tasks, IReadOnlyDictionary<string, int> KindCounts);
