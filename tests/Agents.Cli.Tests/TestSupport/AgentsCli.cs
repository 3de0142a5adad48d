using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Cli.Tests.TestSupport;

/// <summary>Runs the real <c>agents</c> tool (<c>dotnet agents.dll ...</c>) as a child process and captures its output.</summary>
internal static class AgentsCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> Assembly = new(FindAssembly);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new CliRun(), args);

    /// <summary>Runs the tool with <paramref name="run"/>'s standard input and environment.</summary>
    public static async Task<CliResult> RunAsync(CliRun run, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = run.StandardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = CliFixtures.RepoRoot,
        };
        start.ArgumentList.Add(Assembly.Value);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in run.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (run.StandardInput is not null)
        {
            await process.StandardInput.WriteAsync(run.StandardInput);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'agents {string.Join(' ', args)}' did not finish within {Timeout}.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The program and arguments that run the tool with <paramref name="args"/>, for clients that launch it themselves (an MCP client on stdio).</summary>
    public static (string Program, IReadOnlyList<string> Arguments) CommandLine(params string[] args) => (DotnetHost(), [Assembly.Value, .. args]);

    /// <summary>The dotnet host running these tests when it is one, else <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string FindAssembly()
    {
        // The project reference copies agents.dll with its runtimeconfig and deps files next to the tests.
        var candidates = new List<string> { AppContext.BaseDirectory };
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        candidates.Add(Path.Combine(CliFixtures.RepoRoot, "Agents", "Agents.Cli", "bin", configuration, "net10.0"));
        foreach (var dir in candidates)
        {
            var dll = Path.Combine(dir, "agents.dll");
            if (File.Exists(dll) && File.Exists(Path.Combine(dir, "agents.runtimeconfig.json")))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"agents.dll (with agents.runtimeconfig.json) is in none of: {string.Join(", ", candidates)}. Build it with 'dotnet build Agents/Agents.Cli' or 'dotnet build tests/Agents.Cli.Tests'.");
    }
}
