using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Plugins.Gui.Evaluation;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Ocr;

namespace Agents.Evaluation.Tasks;

/// <summary>
/// The tasks of <c>agents eval model</c> and the layout of its data folder:
/// <list type="bullet">
/// <item><c>gui/tasks.jsonl</c> (and its pages): <c>grounding-vision</c>, <c>grounding-hybrid</c> (<c>agents data gui --out &lt;data&gt;/gui</c>);</item>
/// <item><c>tools/tools.json</c> (and <c>tools/images/</c>): <c>tools</c> (<c>agents data tools --out &lt;data&gt;/tools/tools.json</c>);</item>
/// <item><c>faces/</c>: the affect evaluation, <c>flows/</c>: the GUI-action evaluation (added with their evaluators).</item>
/// </list>
/// Adding a task: write its <see cref="IModelEvaluationTask"/> class and add its <see cref="ModelTaskDefinition"/> to <see cref="All"/>.
/// </summary>
public static class ModelTaskCatalog
{
    /// <summary>Every task, in the order the sweep runs them.</summary>
    public static IReadOnlyList<ModelTaskDefinition> All { get; } =
    [
        new("grounding-vision", "gui/tasks.jsonl", "GUI grounding by the model alone on a 0-999 grid: point-in-box accuracy",
            (c, data) => new GroundingModelTask("vision", data, Services(c), c.Limit, c.ChromiumPath)),
        new("grounding-hybrid", "gui/tasks.jsonl", "GUI grounding, the model choosing among DOM and OCR candidates: point-in-box accuracy",
            (c, data) => new GroundingModelTask("hybrid", data, Services(c), c.Limit, c.ChromiumPath)) { NeedsEmbeddings = true, NeedsOcr = true },
        new("tools", "tools/tools.json", "tool selection, the model re-ranking a hybrid shortlist: top-1 accuracy",
            (c, data) => new ToolSelectionModelTask(data, c.Embeddings ?? throw new ArgumentException("The tools task needs ModelTaskContext.Embeddings (MiniLM).", nameof(c)), c.Limit, loggers: c.Loggers)) { NeedsEmbeddings = true },
        new("affect", "faces", "face emotion, the visual emotion reader on drawn faces: accuracy",
            (c, data) => new AffectModelTask(data, c.Limit)),
        new("actions", "flows", "GUI actions on held-out flows: teacher-forced steps right",
            (c, data) => new GuiActionModelTask(data, endToEnd: false, c.Limit, c.ChromiumPath)),
        new("actions-e2e", "flows", "GUI actions on held-out flows: flows completed end to end in Chromium",
            (c, data) => new GuiActionModelTask(data, endToEnd: true, c.Limit, c.ChromiumPath)),
    ];

    /// <summary>Gets the task names.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(d => d.Name)];

    /// <summary>Returns the definition named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No task has that name (the message lists them).</exception>
    public static ModelTaskDefinition Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The task '{name}' is unknown; use one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Returns the full path of <paramref name="definition"/>'s data in <paramref name="dataFolder"/>.</summary>
    public static string DataOf(ModelTaskDefinition definition, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(dataFolder);
        return Path.Combine(dataFolder, definition.DataPath.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Whether the data of <paramref name="definition"/> exists in <paramref name="dataFolder"/>.</summary>
    public static bool HasData(ModelTaskDefinition definition, string dataFolder)
    {
        var path = DataOf(definition, dataFolder);
        return File.Exists(path) || Directory.Exists(path);
    }

    // The embedded default model was trained with marks numbered in reading order (see HybridGrounderOptions). No
    // fallback to the matcher when the model's answer is unusable: the sweep scores the model, not the matcher.
    private static GrounderServices Services(ModelTaskContext context) =>
        new() { Embeddings = context.Embeddings, Ocr = context.Ocr is null or CachingOcrEngine ? context.Ocr : new CachingOcrEngine(context.Ocr, capacity: 512), Loggers = context.Loggers, Hybrid = new HybridGrounderOptions { NumberMarksInReadingOrder = context.MarksInReadingOrder, FallbackToMatcher = false } };
}
