using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Plugins.Gui.TestSite;

namespace Agents.Mcp.Tests;

/// <summary>
/// The platform's plugins as the MCP server of <c>agents mcp</c> serves them, driven by the SDK's client: real VADER,
/// real MiniLM retrieval over the server's own tools, and the GUI tools signing in to the local test site in headless
/// Chromium. The model-backed functions get a hand-written chat client.
/// </summary>
public sealed class PlatformToolsTests : IAsyncLifetime
{
    private ServiceProvider? _services;
    private AsyncServiceScope _scope;
    private StreamPair? _pair;
    private TestSiteServer? _site;

    private McpClient Client => _pair!.Client;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IChatClient>(new RecordingChatClient("""{"strategy":"question"}"""));
        collection.AddPlatformTools();
        _services = collection.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        _pair = await StreamPair.StartAsync(PlatformKernel.Create(_scope.ServiceProvider));
        _site = await TestSiteServer.StartAsync();
    }

    [Fact]
    public async Task ListTools_EveryPluginsFunctionsUnderItsPrefix()
    {
        var names = (await Client.ListToolsAsync()).Select(t => t.Name).ToHashSet();

        Assert.Subset(names, new HashSet<string> { "gui_open_url", "gui_find_element", "gui_click", "gui_type_text", "gui_select_option", "affect_analyze_sentiment", "affect_classify_emotions", "affect_read_image_emotion", "support_choose_support_strategy", "tools_find_tools" });
        Assert.All(names, n => Assert.Contains(n.Split('_')[0], PlatformKernel.PluginNames));
    }

    [Fact]
    public async Task AnalyzeSentiment_PositiveText_VaderCompoundAboveHalf()
    {
        var result = await Client.CallToolAsync("affect_analyze_sentiment", new Dictionary<string, object?> { ["text"] = "I love this wonderful, happy day!" });

        using var json = Json(result);
        Assert.True(json.RootElement.GetProperty("compound").GetDouble() > 0.5, json.RootElement.ToString());
    }

    [Fact]
    public async Task FindTools_KeyPressInstruction_ReturnsTheServersOwnPressKeyToolFirst()
    {
        var names = (await Client.ListToolsAsync()).Select(t => t.Name).ToHashSet();

        var result = await Client.CallToolAsync("tools_find_tools", new Dictionary<string, object?> { ["instruction"] = "press the Enter key on the focused element", ["top_k"] = 3 });

        using var json = Json(result);
        var found = json.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Equal("gui_press_key", found[0]);
        Assert.Subset(names, found.ToHashSet());
    }

    [Fact]
    public async Task GuiTools_SignInOnTheTestSite_NavigatesToTheForm()
    {
        var opened = await Client.CallToolAsync("gui_open_url", new Dictionary<string, object?> { ["url"] = _site!.BaseAddress.ToString() });
        await Client.CallToolAsync("gui_type_text", new Dictionary<string, object?> { ["target"] = "the Username field", ["text"] = "demo" });
        await Client.CallToolAsync("gui_type_text", new Dictionary<string, object?> { ["target"] = "the Password field", ["text"] = "demo123" });
        var clicked = await Client.CallToolAsync("gui_click", new Dictionary<string, object?> { ["target"] = "the Sign in button" });

        using (var open = Json(opened))
        {
            Assert.True(open.RootElement.GetProperty("success").GetBoolean(), open.RootElement.ToString());
        }

        using var click = Json(clicked);
        Assert.True(click.RootElement.GetProperty("success").GetBoolean(), click.RootElement.ToString());
        Assert.EndsWith("/form", click.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(_site.FailedSignIns);
    }

    [Fact]
    public async Task GuiTools_ClickBeforeAnyPage_FailureTheClientCanRead()
    {
        var result = await Client.CallToolAsync("gui_click", new Dictionary<string, object?> { ["target"] = "the Sign in button" });

        using var json = Json(result);
        Assert.False(json.RootElement.GetProperty("success").GetBoolean());
        Assert.Contains("could not find", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }

        await _scope.DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    private static JsonDocument Json(CallToolResult result)
    {
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        Assert.True(result.IsError != true, text);
        return JsonDocument.Parse(text);
    }
}
