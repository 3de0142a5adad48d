using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Agents.Cli.Commands;
using LocalModel.Imaging;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;

namespace Agents.Cli;

/// <summary>The <c>agents</c> command-line tool. Exit codes: 0 success, 1 runtime failure, 2 bad arguments, 130 cancelled.</summary>
internal static class Program
{
    private const string Usage = """
        usage: agents <command> [options]

        commands:
          model build   build a model package from a HuggingFace LLaVA checkpoint
          model info    describe a model package
          model synth   write a random-weight llava-hf checkpoint of a given size (for benchmarks)
          generate      generate text from a prompt and images
          bench runtime measure prefill, TTFT, decode speed, engine overhead and allocations
          bench chat    constrained-decoding cost per token and throughput with concurrent callers
          bench pruning prefill and TTFT per visual-token pruning method and budget, with a plot

        """;

    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var level = Environment.GetEnvironmentVariable("AGENTS_LOG_LEVEL") is { } l && Enum.TryParse<LogLevel>(l, true, out var parsed) ? parsed : LogLevel.Warning;
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(level).AddSimpleConsole(o => o.SingleLine = true));
        try
        {
            return await DispatchAsync(args, loggers, cts.Token).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"agents: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("agents: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is ModelPackageException or ImageDecodeException or InvalidDataException or IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException or System.Collections.Generic.KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync($"agents: error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> DispatchAsync(string[] args, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "model" when rest.Length > 0 && rest[0] == "build":
                return ModelCommands.Build(rest[1..], loggers, cancellationToken);
            case "model" when rest.Length > 0 && rest[0] == "info":
                return ModelCommands.Info(rest[1..]);
            case "model" when rest.Length > 0 && rest[0] == "synth":
                return ModelCommands.Synth(rest[1..]);
            case "model":
                throw new UsageException($"usage: {ModelCommands.BuildUsage}\n       {ModelCommands.InfoUsage}\n       {ModelCommands.SynthUsage}");
            case "generate":
                return await GenerateCommand.RunAsync(rest, loggers, cancellationToken).ConfigureAwait(false);
            case "bench" when rest.Length > 0 && rest[0] == "runtime":
                return await BenchRuntimeCommand.RunAsync(rest[1..], loggers, cancellationToken).ConfigureAwait(false);
            case "bench" when rest.Length > 0 && rest[0] == "chat":
                return await BenchChatCommand.RunAsync(rest[1..], loggers, cancellationToken).ConfigureAwait(false);
            case "bench" when rest.Length > 0 && rest[0] == "pruning":
                return await BenchPruningCommand.RunAsync(rest[1..], loggers, cancellationToken).ConfigureAwait(false);
            case "bench":
                throw new UsageException($"usage: {BenchRuntimeCommand.Usage}\n       {BenchPruningCommand.Usage}\n       {BenchChatCommand.Usage}");
            default:
                throw new UsageException($"Unknown command '{args[0]}'.\n{Usage}");
        }
    }
}
