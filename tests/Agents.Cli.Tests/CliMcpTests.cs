using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Agents.Cli.Tests;

/// <summary><c>agents mcp</c> launched the way MCP clients launch servers: as a child process spoken to over stdio by the SDK's own client.</summary>
[Collection(BuiltPackageCollection.Name)]
public sealed class CliMcpTests
{
    private readonly BuiltPackageFixture _package;

    public CliMcpTests(BuiltPackageFixture package) => _package = package;

    [Fact]
    public async Task Mcp_Stdio_ListsThePlatformToolsAndRunsOne()
    {
        // Arrange
        var (program, arguments) = AgentsCli.CommandLine("mcp", "--model", _package.RequirePackage());
        var transport = new StdioClientTransport(new StdioClientTransportOptions { Name = "agents", Command = program, Arguments = [.. arguments], WorkingDirectory = CliFixtures.RepoRoot });

        // Act
        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("affect_analyze_sentiment", new Dictionary<string, object?> { ["text"] = "This is terrible and I hate it." });

        // Assert
        Assert.Contains(tools, t => t.Name == "gui_click");
        Assert.Contains(tools, t => t.Name == "tools_find_tools");
        Assert.NotEqual(true, result.IsError);
        using var json = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.True(json.RootElement.GetProperty("compound").GetDouble() < -0.5);
    }

    [Fact]
    public async Task Mcp_BadPath_UsageErrorNamingTheOption()
    {
        var result = await AgentsCli.RunAsync("mcp", "--http", "--path", "mcp");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("McpToolServerOptions.Path", result.StandardError, StringComparison.Ordinal);
    }
}
