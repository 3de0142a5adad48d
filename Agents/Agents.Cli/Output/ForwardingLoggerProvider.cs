using Microsoft.Extensions.Logging;

namespace Agents.Cli.Output;

/// <summary>Sends a hosted server's logs (the OpenAI endpoint's, the MCP server's) to the tool's logger factory: its level and its standard-error sink.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory loggers) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => loggers.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
