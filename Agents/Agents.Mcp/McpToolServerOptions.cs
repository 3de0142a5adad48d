using System;

namespace Agents.Mcp;

/// <summary>Options of <see cref="McpToolServer"/>.</summary>
public sealed class McpToolServerOptions
{
    /// <summary>Gets or sets the address the HTTP transport binds. Default 127.0.0.1 (this machine only).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the HTTP port; 0 picks a free one. Default 8090.</summary>
    public int Port { get; set; } = 8090;

    /// <summary>Gets or sets the HTTP route of the MCP endpoint. Default <c>/mcp</c>.</summary>
    public string Path { get; set; } = "/mcp";

    /// <summary>Gets or sets the server name MCP clients see. Default <c>agents</c>.</summary>
    public string ServerName { get; set; } = "agents";

    /// <summary>Throws when an option is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("McpToolServerOptions.Host is empty; give an address such as 127.0.0.1.", nameof(Host));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"McpToolServerOptions.Port is {Port}; expected 0 (any free port) to 65535.", nameof(Port));
        }

        if (string.IsNullOrEmpty(Path) || Path[0] != '/')
        {
            throw new ArgumentException($"McpToolServerOptions.Path is '{Path}'; expected a route starting with '/', such as /mcp.", nameof(Path));
        }

        if (string.IsNullOrWhiteSpace(ServerName))
        {
            throw new ArgumentException("McpToolServerOptions.ServerName is empty.", nameof(ServerName));
        }
    }
}
