using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Evaluation.Reporting;

/// <summary>Writes a sweep's outputs into a folder: <c>results.json</c>, <c>results.md</c> and <c>{task}.png</c> per task.</summary>
public static class ModelSweepWriter
{
    /// <summary>Writes the outputs (creating the folder) and returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(ModelSweepResult result, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "results.json");
        var markdown = Path.Combine(folder, "results.md");
        await File.WriteAllTextAsync(json, ModelSweepJson.Render(result), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(markdown, ModelSweepMarkdown.Render(result), cancellationToken).ConfigureAwait(false);
        return [json, markdown, .. ModelSweepPlots.Write(result, folder)];
    }
}
