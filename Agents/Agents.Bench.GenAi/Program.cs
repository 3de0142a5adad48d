using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Agents.Bench.GenAi;

/// <summary>
/// Peer benchmark: greedy generation with ONNX Runtime GenAI on the CPU, for comparison with our own engine at equal
/// thread counts. Exit codes: 0 success, 1 runtime failure, 2 bad arguments.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        BenchOptions? options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (BenchUsageException e)
        {
            Console.Error.WriteLine("agents-bench-genai: " + e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        try
        {
            return Run(options);
        }
        catch (Exception e) when (e is OnnxRuntimeGenAIException or InvalidOperationException or DllNotFoundException or System.IO.IOException)
        {
            Console.Error.WriteLine("agents-bench-genai: " + e.Message);
            return 1;
        }
    }

    private static int Run(BenchOptions options)
    {
        // OgaHandle shuts the native library down once every GenAI object is disposed.
        using var oga = new OgaHandle();
        using var benchmark = new GenAiBenchmark(options.ModelDirectory, options.Threads);
        for (var i = 0; i < options.Warmup; i++)
        {
            benchmark.Run(options.PromptIds, options.MaxTokens);
        }

        var runs = new List<BenchRun>(options.Repeats);
        for (var i = 0; i < options.Repeats; i++)
        {
            runs.Add(benchmark.Run(options.PromptIds, options.MaxTokens));
        }

        var report = new BenchReport(options, runs);
        if (options.Json)
        {
            using var stdout = Console.OpenStandardOutput();
            report.WriteJson(stdout);
        }
        else
        {
            report.WriteText(Console.Out);
        }

        return 0;
    }
}
