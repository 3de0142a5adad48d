using Agents.Cli.Output;
using Microsoft.Extensions.Logging;

namespace Agents.Cli.Commands;

/// <summary>What every command's action uses: the loggers (level from <c>AGENTS_LOG_LEVEL</c>) and the consoles.</summary>
/// <param name="Loggers">The logger factory.</param>
/// <param name="Console">The stdout and stderr consoles.</param>
internal sealed record CliServices(ILoggerFactory Loggers, CliConsole Console);
