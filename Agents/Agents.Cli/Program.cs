using System;
using System.Linq;
using System.Threading.Tasks;
using Agents.Cli.Commands;
using Agents.Cli.Output;
using Microsoft.Extensions.Logging;

namespace Agents.Cli;

/// <summary>The <c>agents</c> command-line tool. Exit codes: 0 success, 1 runtime failure, 2 bad arguments or input, 130 cancelled.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var level = Environment.GetEnvironmentVariable("AGENTS_LOG_LEVEL") is { } l && Enum.TryParse<LogLevel>(l, true, out var parsed) ? parsed : LogLevel.Warning;
        // Logs go to stderr, so stdout carries only results (--json stays parseable).
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(level).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).AddSimpleConsole(o => o.SingleLine = true));
        var services = new CliServices(loggers, CliConsole.Create());

        // 'agents help <command>' is 'agents <command> --help'.
        if (args.Length > 0 && args[0] == "help")
        {
            args = [.. args.Skip(1), "--help"];
        }

        var parse = AgentsRootCommand.Create(services).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"agents: {CliErrors.StripParameterName(error.Message)}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"Run '{AgentsRootCommand.CommandPath(parse)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await AgentsRootCommand.InvokeAsync(parse).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var code = CliErrors.ExitCode(ex);
            var message = code switch
            {
                ExitCodes.Cancelled => "cancelled",
                ExitCodes.BadInput => CliErrors.Message(ex),
                _ when CliErrors.IsExpected(ex) => $"error: {CliErrors.Message(ex)}",
                _ => $"internal error: {ex}",
            };
            await Console.Error.WriteLineAsync($"agents: {message}").ConfigureAwait(false);
            return code;
        }
    }
}
