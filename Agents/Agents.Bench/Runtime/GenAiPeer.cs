using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Packaging;

namespace Agents.Bench.Runtime;

/// <summary>
/// The ONNX Runtime GenAI peer (<c>Agents/Agents.Bench.GenAi</c>, <c>agents-bench-genai.dll</c>), run in its own
/// process so it never shares one with <c>Microsoft.ML.OnnxRuntime.Gpu</c>.
/// </summary>
public static class GenAiPeer
{
    /// <summary>The peer's assembly file name.</summary>
    public const string AssemblyName = "agents-bench-genai.dll";

    /// <summary>
    /// Returns why the peer cannot run on a package of <paramref name="manifest"/>'s family, or null when it can: the
    /// GenAI side-by-side decoder is written for LLaVA packages only (Qwen2.5-VL's decoder takes M-RoPE positions over
    /// three streams, which the GenAI decoder does not).
    /// </summary>
    public static string? UnsupportedReason(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Family == "llava"
            ? null
            : $"the ONNX Runtime GenAI peer is not supported for '{manifest.Family}' packages (its side-by-side decoder is written for LLaVA only)";
    }

    /// <summary>Returns the package's GenAI decoder folder, or null when it has none (built without <c>--with-genai-decoder</c>).</summary>
    public static string? DecoderFolder(string packageDirectory)
    {
        var folder = Path.Combine(packageDirectory, "genai");
        return File.Exists(Path.Combine(folder, "genai_config.json")) ? folder : null;
    }

    /// <summary>Finds the peer in the Agents.Bench.GenAi build output above this program (Release before Debug), or null.</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "Agents", "Agents.Bench.GenAi", "bin");
            if (Directory.Exists(project))
            {
                return new[] { "Release", "Debug" }
                    .Select(c => Path.Combine(project, c, "net10.0", AssemblyName))
                    .FirstOrDefault(File.Exists);
            }
        }

        return null;
    }

    /// <summary>Runs the peer greedily on <paramref name="promptIds"/> and returns its JSON report.</summary>
    /// <exception cref="InvalidOperationException">The peer could not start or failed.</exception>
    public static async Task<JsonObject> RunAsync(string assembly, string decoderFolder, IReadOnlyList<int> promptIds, int maxTokens, int warmup, int repeats, int threads, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo("dotnet");
        foreach (var arg in new[] { assembly, "--model", decoderFolder, "--prompt-ids", string.Join(',', promptIds), "--max-tokens", Text(maxTokens), "--warmup", Text(warmup), "--repeats", Text(repeats), "--threads", Text(threads), "--json" })
        {
            psi.ArgumentList.Add(arg);
        }

        return await BenchChildProcess.RunJsonAsync(psi, "the GenAI peer", cancellationToken).ConfigureAwait(false);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
