using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Safety;
using Plugins.Gui.Tests.Browser;

namespace Plugins.Gui.Tests.Actions;

public sealed class GuiPluginEffectTests : IClassFixture<GuiBrowserFixture>, IDisposable
{
    private readonly GuiBrowserFixture _fixture;
    private readonly LocalHttpServer _server = new();

    public GuiPluginEffectTests(GuiBrowserFixture fixture)
    {
        _fixture = fixture;
        _server.Map("/", PluginHarness.Page("actions-effects.html"));
        _server.Map("/second", "<!doctype html><title>Second</title><h1>Second page</h1>");
    }

    [Fact]
    public async Task Click_ButtonThatAddsAnItem_ReportsTheDomChange()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ClickAsync("Add item");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Equal("clicked button \"Add item\"", result.Message);
        Assert.Contains("DOM mutations", result.Effect, StringComparison.Ordinal);
        Assert.Equal(1, await harness.EvaluateAsync<int>("() => window.adds"));
    }

    [Fact]
    public async Task Click_ButtonWithoutHandler_ReportsNoVisibleEffect()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ClickAsync("Do nothing");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Equal("no visible effect", result.Effect);
    }

    [Fact]
    public async Task Click_Link_ReportsTheNavigation()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ClickAsync("Next page");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.StartsWith("navigated to /second", result.Effect, StringComparison.Ordinal);
        Assert.Equal(_server.Url("/second").ToString(), result.Url);
    }

    [Fact]
    public async Task DoubleClick_Button_FiresDblClickAndReportsTheChange()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.DoubleClickAsync("Double me");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Contains("DOM mutations", result.Effect, StringComparison.Ordinal);
        Assert.True(await harness.EvaluateAsync<bool>("() => window.doubled === true"));
    }

    [Fact]
    public async Task Hover_ButtonWithHoverStyle_ReportsAScreenChange()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.HoverAsync("Hover me");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Equal("the screen changed", result.Effect);
        Assert.Equal("rgb(20, 120, 220)", await harness.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('hover-me')).backgroundColor"));
    }

    [Fact]
    public async Task TypeText_ReplaceAppendReplace_ReportsEachValue()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var first = await harness.Plugin.TypeTextAsync("Name", "Ada");
        var appended = await harness.Plugin.TypeTextAsync("Name", " Lovelace", clear_first: false);
        var replaced = await harness.Plugin.TypeTextAsync("Name", "Grace");

        // Assert
        Assert.Contains("the value is now \"Ada\"", first.Effect, StringComparison.Ordinal);
        Assert.Contains("the value is now \"Ada Lovelace\"", appended.Effect, StringComparison.Ordinal);
        Assert.Contains("the value is now \"Grace\"", replaced.Effect, StringComparison.Ordinal);
        Assert.Equal("Grace", await harness.EvaluateAsync<string>("() => document.getElementById('name').value"));
    }

    [Theory]
    [InlineData("Add item", "is a button")]
    [InlineData("Colour", "is a drop-down list")]
    [InlineData("Next page", "is a link")]
    public async Task TypeText_ControlThatTakesNoText_RefusedWithoutTouchingThePage(string target, string kind)
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.TypeTextAsync(target, "hello");

        // Assert
        Assert.False(result.Success, result.ToString());
        Assert.Contains(kind, result.Message, StringComparison.Ordinal);
        Assert.Contains("takes no text", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, await harness.EvaluateAsync<int>("() => window.adds || 0"));
        Assert.Equal(string.Empty, await harness.EvaluateAsync<string>("() => String(window.getSelection())"));
    }

    [Fact]
    public async Task TypeText_PasswordField_DoesNotEchoTheValue()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.TypeTextAsync("Password", "hunter2");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Contains("the password field now holds 7 characters", result.Effect, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PressKey_EnterInAField_ReportsTheHandlersChange()
    {
        // Arrange
        await using var harness = await OpenAsync();
        await harness.Plugin.TypeTextAsync("Command", "hello");

        // Act
        var result = await harness.Plugin.PressKeyAsync("Enter");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Equal("pressed Enter", result.Message);
        Assert.Contains("DOM mutations", result.Effect, StringComparison.Ordinal);
        Assert.Equal("entered hello", await harness.EvaluateAsync<string>("() => document.getElementById('log').textContent"));
    }

    [Fact]
    public async Task PressKey_UnknownKey_FailsNamingIt()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.PressKeyAsync("NoSuchKey");

        // Assert
        Assert.False(result.Success);
        Assert.Contains("NoSuchKey", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectOption_ByVisibleText_ReportsTheSelection()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.SelectOptionAsync("Colour", "green");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Contains("the selected option is now \"Green\"", result.Effect, StringComparison.Ordinal);
        Assert.Equal("g", await harness.EvaluateAsync<string>("() => document.getElementById('colour').value"));
    }

    [Fact]
    public async Task SelectOption_UnknownOption_FailsListingTheOptions()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.SelectOptionAsync("Colour", "Purple");

        // Assert
        Assert.False(result.Success);
        Assert.Contains("\"Red\", \"Green\", \"Blue\"", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scroll_PageDown_ReportsTheNewOffset()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ScrollAsync("down", 500);

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Contains("the page scrolled from (0,0) to (0,500)", result.Effect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scroll_Container_ReportsTheContainerOffset()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ScrollAsync("down", 100, "Messages");

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Contains("the container scrolled from (0,0) to (0,100)", result.Effect, StringComparison.Ordinal);
        Assert.Equal(100, await harness.EvaluateAsync<double>("() => document.getElementById('messages').scrollTop"));
    }

    [Fact]
    public async Task Scroll_BadDirection_Fails()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ScrollAsync("sideways");

        // Assert
        Assert.False(result.Success);
        Assert.Contains("sideways", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoBack_AfterFollowingALink_ReportsTheReturn()
    {
        // Arrange
        await using var harness = await OpenAsync();
        await harness.Plugin.ClickAsync("Next page");

        // Act
        var result = await harness.Plugin.GoBackAsync();

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.StartsWith("navigated to /", result.Effect, StringComparison.Ordinal);
        Assert.Equal(_server.BaseAddress.ToString(), result.Url);
    }

    [Fact]
    public async Task WaitFor_TextThatAppearsLater_SucceedsAndMissingTextTimesOut()
    {
        // Arrange
        await using var harness = await OpenAsync();
        await harness.Plugin.ClickAsync("Load later");

        // Act
        var appeared = await harness.Plugin.WaitForAsync(text: "Done loading", timeout_seconds: 5);
        var missing = await harness.Plugin.WaitForAsync(text: "Never shown", timeout_seconds: 0.5);

        // Assert
        Assert.True(appeared.Success, appeared.ToString());
        Assert.False(missing.Success);
        Assert.Contains("did not appear within 0.5 s", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitFor_Element_SucceedsWhenPresent()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.WaitForAsync(target: "Add item", timeout_seconds: 1);

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Equal("button \"Add item\" is present", result.Message);
    }

    [Fact]
    public async Task ReadPage_LongPage_IsWrappedAndTruncatedAtTheLimit()
    {
        // Arrange
        await using var harness = await OpenAsync(new GuiTaskOptions { ReadPageLimit = 100 });

        // Act
        var text = await harness.Plugin.ReadPageAsync();

        // Assert
        Assert.StartsWith(UntrustedContent.Notice, text, StringComparison.Ordinal);
        Assert.Contains($"<untrusted-content nonce=\"{harness.Task.Nonce}\"", text, StringComparison.Ordinal);
        Assert.Contains("Effects", text, StringComparison.Ordinal);
        Assert.Contains("[truncated: the first 100 of", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The end of the page.", text, StringComparison.Ordinal);
        Assert.EndsWith($"</untrusted-content nonce=\"{harness.Task.Nonce}\">", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screenshot_Page_StoresTheObservationAndListsElements()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var snapshot = await harness.Plugin.ScreenshotAsync();

        // Assert
        Assert.Equal(800, snapshot.Width);
        Assert.Equal(600, snapshot.Height);
        Assert.Contains("button \"Add item\"", snapshot.Elements, StringComparison.Ordinal);
        Assert.Contains(harness.Task.Nonce, snapshot.Elements, StringComparison.Ordinal);
        Assert.NotNull(harness.Task.LastObservation);
        Assert.Equal(800, harness.Task.LastObservation!.Screenshot.Width);
    }

    [Fact]
    public async Task FindElement_ThenClickById_ClicksThatElement()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var found = await harness.Plugin.FindElementAsync("Add item");
        var result = await harness.Plugin.ClickAsync(found.CandidateId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.True(found.Found, found.Reason);
        Assert.Equal("button", found.Role);
        Assert.Equal("Add item", found.Name);
        Assert.Equal(4, found.Box!.Length);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(found.CandidateId, result.CandidateId);
        Assert.Equal(1, await harness.EvaluateAsync<int>("() => window.adds"));
    }

    [Fact]
    public async Task FindElement_NoSuchElement_IsNotFound()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var found = await harness.Plugin.FindElementAsync("Launch rocket");

        // Assert
        Assert.False(found.Found);
        Assert.Null(found.CandidateId);
    }

    [Fact]
    public async Task Click_UnknownCandidateId_FailsSayingWhatToDo()
    {
        // Arrange
        await using var harness = await OpenAsync();

        // Act
        var result = await harness.Plugin.ClickAsync("12");

        // Assert
        Assert.False(result.Success);
        Assert.Contains("find_element", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KernelInvokeAsync_FindElementThenClick_RunsThroughSemanticKernel()
    {
        // Arrange
        await using var harness = await OpenAsync();
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(harness.Plugin, "gui");

        // Act
        var found = await kernel.InvokeAsync("gui", "find_element", new KernelArguments { ["instruction"] = "Add item" });
        var id = found.GetValue<FoundElement>()!.CandidateId!.Value;
        var clicked = await kernel.InvokeAsync("gui", "click", new KernelArguments { ["target"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var typed = await kernel.InvokeAsync("gui", "type_text", new KernelArguments { ["target"] = "Name", ["text"] = "Ada", ["clear_first"] = "false" });

        // Assert
        var result = clicked.GetValue<ActionResult>()!;
        Assert.True(result.Success, result.ToString());
        Assert.Contains("DOM mutations", result.Effect, StringComparison.Ordinal);
        Assert.Equal(1, await harness.EvaluateAsync<int>("() => window.adds"));
        Assert.Contains("\"Ada\"", typed.GetValue<ActionResult>()!.Effect, StringComparison.Ordinal);
        Assert.Contains("open_url", kernel.Plugins["gui"].Select(f => f.Name));
        Assert.Equal(13, kernel.Plugins["gui"].FunctionCount);
    }

    [Fact]
    public void ActionResult_Serialised_IsCompactSnakeCase()
    {
        // Arrange
        var result = new ActionResult { Success = true, Message = "clicked button \"Sign in\"", Effect = "navigated to /form" };

        // Act
        var json = System.Text.Json.JsonSerializer.Serialize(result);

        // Assert
        Assert.Equal("{\"success\":true,\"message\":\"clicked button \\u0022Sign in\\u0022\",\"effect\":\"navigated to /form\"}", json);
    }

    public void Dispose() => _server.Dispose();

    private async Task<PluginHarness> OpenAsync(GuiTaskOptions? options = null)
    {
        var harness = await PluginHarness.StartAsync(_fixture.Browser, options);
        var opened = await harness.Plugin.OpenUrlAsync(_server.BaseAddress.ToString());
        Assert.True(opened.Success, opened.ToString());
        return harness;
    }
}
