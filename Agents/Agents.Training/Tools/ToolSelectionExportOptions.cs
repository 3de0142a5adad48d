using System;
using System.Globalization;
using Microsoft.Extensions.AI;
using Plugins.Tools.Evaluation.Generation;
using Plugins.Tools.Retrieval.Reranking;
using Plugins.Tools.Selection;

namespace Agents.Training.Tools;

/// <summary>Settings of <see cref="ToolSelectionExporter"/>. Defaults match what <c>agents eval tools --retriever model</c> and the tool-selection middleware use.</summary>
public sealed class ToolSelectionExportOptions
{
    /// <summary>Gets whether to write <c>tool-rerank</c> samples (default true).</summary>
    public bool Rerank { get; init; } = true;

    /// <summary>Gets whether to write <c>tool-call</c> samples (default true).</summary>
    public bool Call { get; init; } = true;

    /// <summary>Gets the catalogue size of the generated data (default 250, the generator's and the held-out set's).</summary>
    public int ToolCount { get; init; } = 250;

    /// <summary>Gets the re-ranker's settings (default: <see cref="ModelToolRetrieverOptions"/>'s, shortlist 8, as <c>agents eval tools</c> uses).</summary>
    public ModelToolRetrieverOptions Reranking { get; init; } = new();

    /// <summary>Gets how many tools the middleware offers for <c>tool-call</c> (default <see cref="ToolSelectionOptions"/>'s TopK, 5).</summary>
    public int CallTopK { get; init; } = new ToolSelectionOptions().TopK;

    /// <summary>Gets the tool mode of <c>tool-call</c> requests (default <see cref="ChatToolMode.Auto"/>, an agent's usual setting; <see cref="ChatToolMode.RequireAny"/> to force a call).</summary>
    public ChatToolMode CallToolMode { get; init; } = ChatToolMode.Auto;

    /// <summary>
    /// Gets whether a query whose shortlist lacks every acceptable tool still gives a sample, with the best-ranked
    /// acceptable tool put in place of a shortlisted one (default true; false skips the query for that task).
    /// </summary>
    public bool InsertMissingTool { get; init; } = true;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (!Rerank && !Call)
        {
            throw new ArgumentException("ToolSelectionExportOptions: enable Rerank, Call or both.", nameof(Rerank));
        }

        if (ToolCount < ToolDataGeneratorOptions.MinToolCount || ToolCount > ToolDataGenerator.MaxToolCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ToolSelectionExportOptions.ToolCount must be in [{ToolDataGeneratorOptions.MinToolCount}, {ToolDataGenerator.MaxToolCount}], got {ToolCount}."), nameof(ToolCount));
        }

        if (CallTopK < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ToolSelectionExportOptions.CallTopK must be at least 1, got {CallTopK}."), nameof(CallTopK));
        }

        ArgumentNullException.ThrowIfNull(Reranking);
        ArgumentNullException.ThrowIfNull(CallToolMode);
        Reranking.Validate();
    }
}
