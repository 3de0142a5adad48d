using System;

namespace Agents.Evaluation.Tasks;

/// <summary>A task <c>agents eval model --tasks</c> can name: where its data lies in the data folder and how to build it.</summary>
/// <param name="Name">The name (as <see cref="IModelEvaluationTask.Name"/>).</param>
/// <param name="DataPath">The data file or folder, relative to the data folder (e.g. <c>gui/tasks.jsonl</c>).</param>
/// <param name="Description">What the task scores, for help and the README.</param>
/// <param name="Create">Builds the task from the context and the full path of its data.</param>
public sealed record ModelTaskDefinition(string Name, string DataPath, string Description, Func<ModelTaskContext, string, IModelEvaluationTask> Create)
{
    /// <summary>Whether the task needs <see cref="ModelTaskContext.Embeddings"/> (default false).</summary>
    public bool NeedsEmbeddings { get; init; }

    /// <summary>Whether the task needs <see cref="ModelTaskContext.Ocr"/> (default false).</summary>
    public bool NeedsOcr { get; init; }
}
