using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>
/// A folder of flows: <c>flows.jsonl</c> (one <see cref="GuiFlow"/> per line, camelCase) and <c>sites/&lt;flow id&gt;/*.html</c>.
/// </summary>
public static class GuiFlowSet
{
    /// <summary>The flows file name.</summary>
    public const string FlowsFile = "flows.jsonl";

    /// <summary>The sites folder name.</summary>
    public const string SitesFolder = "sites";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes <paramref name="flows"/> and their sites into <paramref name="folder"/> (created).</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="flows">The flows.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    public static async Task WriteAsync(string folder, IEnumerable<GeneratedFlow> flows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(flows);
        Directory.CreateDirectory(folder);
        var lines = new List<string>();
        foreach (var generated in flows)
        {
            var site = Path.Combine(folder, SitesFolder, generated.Flow.Id);
            Directory.CreateDirectory(site);
            foreach (var (file, html) in generated.Pages)
            {
                await File.WriteAllTextAsync(Path.Combine(site, file), html, cancellationToken).ConfigureAwait(false);
            }

            lines.Add(JsonSerializer.Serialize(generated.Flow, Json));
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, FlowsFile), lines, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the flows of <paramref name="folder"/>.</summary>
    /// <param name="folder">A folder written by <see cref="WriteAsync"/> (or the flows file itself).</param>
    /// <exception cref="FileNotFoundException">There is no flows file.</exception>
    public static IReadOnlyList<GuiFlow> Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var file = File.Exists(folder) ? folder : Path.Combine(folder, FlowsFile);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No {FlowsFile} in '{folder}'; write one with `agents data flows --out {folder}`.", file);
        }

        return [.. File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<GuiFlow>(l, Json)
            ?? throw new InvalidDataException($"A line of {file} is not a flow."))];
    }
}
