using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO.Pipelines;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Agents.Mcp.Tests;

/// <summary>Kernel functions served as MCP tools, listed and called by the SDK's own client over in-process streams and over HTTP.</summary>
public sealed class McpToolServerTests
{
    [Fact]
    public async Task Streams_ListAndCall_ToolsNamedByPluginWithTheFunctionsSchema()
    {
        await using var pair = await StreamPair.StartAsync(CalculatorKernel());

        var tools = await pair.Client.ListToolsAsync();
        var result = await pair.Client.CallToolAsync("calc_add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 40 });

        Assert.Equal(["calc_add", "calc_shout"], tools.Select(t => t.Name).Order());
        var add = tools.Single(t => t.Name == "calc_add");
        Assert.Equal("Adds two integers.", add.Description);
        Assert.Equal(["a", "b"], add.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("42", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Streams_FunctionThrows_ErrorResultNotACrash()
    {
        await using var pair = await StreamPair.StartAsync(CalculatorKernel());

        var failed = await pair.Client.CallToolAsync("calc_shout", new Dictionary<string, object?> { ["text"] = string.Empty });
        var after = await pair.Client.CallToolAsync("calc_shout", new Dictionary<string, object?> { ["text"] = "hi" });

        Assert.True(failed.IsError);
        Assert.Equal("HI!", Assert.IsType<TextContentBlock>(Assert.Single(after.Content)).Text);
    }

    [Fact]
    public async Task Http_ListAndCall_OnLoopback()
    {
        await using var server = McpToolServer.CreateHttp(McpKernelTools.Create(CalculatorKernel()), new McpToolServerOptions { Port = 0 });
        await server.StartAsync();
        var endpoint = new Uri(server.Urls[0], "mcp");
        Assert.Equal("127.0.0.1", endpoint.Host);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }));
        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("calc_add", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 1 });

        Assert.Equal(2, tools.Count);
        Assert.Equal("agents", client.ServerInfo?.Name);
        Assert.Equal("2", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public void Create_DuplicateToolName_ThrowsNamingIt()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("a_b", [KernelFunctionFactory.CreateFromMethod(() => 1, "c")]);
        kernel.Plugins.AddFromFunctions("a", [KernelFunctionFactory.CreateFromMethod(() => 2, "b_c")]);

        var e = Assert.Throws<ArgumentException>(() => McpKernelTools.Create(kernel));

        Assert.Contains("'a_b_c' twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateHttp_NoTools_ThrowsSayingWhatToPass()
    {
        var e = Assert.Throws<ArgumentException>(() => McpToolServer.CreateHttp([]));

        Assert.Contains("McpKernelTools.Create", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PathWithoutSlash_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new McpToolServerOptions { Path = "mcp" }.Validate());

        Assert.Contains("McpToolServerOptions.Path", e.Message, StringComparison.Ordinal);
    }

    private static Kernel CalculatorKernel()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new Calculator(), "calc");
        return kernel;
    }

    private sealed class Calculator
    {
        [KernelFunction("add")]
        [Description("Adds two integers.")]
        public int Add([Description("The first.")] int a, [Description("The second.")] int b) => a + b;

        [KernelFunction("shout")]
        [Description("Upper-cases a text and adds an exclamation mark.")]
        public string Shout(string text) =>
            text.Length == 0 ? throw new ArgumentException("text is empty; give something to shout.", nameof(text)) : text.ToUpperInvariant() + "!";
    }
}

/// <summary>An MCP server and the SDK's client connected by two in-process pipes.</summary>
internal sealed class StreamPair : IAsyncDisposable
{
    private readonly McpToolServer _server;
    private readonly Pipe _toServer;
    private readonly Pipe _toClient;

    private StreamPair(McpToolServer server, McpClient client, Pipe toServer, Pipe toClient)
    {
        _server = server;
        Client = client;
        _toServer = toServer;
        _toClient = toClient;
    }

    public McpClient Client { get; }

    public static async Task<StreamPair> StartAsync(Kernel kernel)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var server = McpToolServer.CreateOverStreams(McpKernelTools.Create(kernel), toServer.Reader.AsStream(), toClient.Writer.AsStream());
        await server.StartAsync();
        var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
        return new StreamPair(server, client, toServer, toClient);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _toServer.Writer.CompleteAsync();
        await _toClient.Writer.CompleteAsync();
        await _server.DisposeAsync();
    }
}
