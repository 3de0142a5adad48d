using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Bench;

/// <summary>Runs a measurement in a process of its own and reads the JSON object it prints last.</summary>
public static class BenchChildProcess
{
    /// <summary>
    /// Starts <paramref name="startInfo"/> (standard output and error are redirected here), waits for it and returns the
    /// last line of its output that is a JSON object.
    /// </summary>
    /// <param name="startInfo">The program and its arguments.</param>
    /// <param name="what">What the process measures, for error messages (e.g. "the GenAI peer").</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException">The process could not start, failed (its standard error is in the message) or printed no JSON object.</exception>
    public static async Task<JsonObject> RunJsonAsync(ProcessStartInfo startInfo, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {what}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{char.ToUpperInvariant(what[0])}{what[1..]} failed (exit {process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        var line = (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{'))
            ?? throw new InvalidOperationException($"{char.ToUpperInvariant(what[0])}{what[1..]} printed no JSON report.");
        return JsonNode.Parse(line)!.AsObject();
    }
}
