using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Planning;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Tests.Planning;

public sealed class GuiActionPlannerTests
{
    public static TheoryData<string> Calls() => new()
    {
        """{"name":"click","arguments":{"mark":2}}""",
        """{"name":"type_text","arguments":{"mark":1,"text":"ann.lee"}}""",
        """{"name":"select_option","arguments":{"mark":3,"option":"Canada"}}""",
        """{"name":"press_key","arguments":{"key":"Enter"}}""",
        """{"name":"scroll","arguments":{"direction":"down"}}""",
        """{"name":"done","arguments":{}}""",
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task PlanAsync_TextToolCall_ParsesAndRoundTrips(string json)
    {
        var client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "<tool_call>" + json + "</tool_call>")));
        var planner = new GuiActionPlanner(client);

        var plan = await planner.PlanAsync("Sign in", Page(), []);

        Assert.NotNull(plan.Action);
        Assert.Equal(json, plan.Action.ToCallJson());
    }

    [Fact]
    public async Task PlanAsync_Request_MarkToolsBoundedToTheMarksForDecodingOnly()
    {
        ChatOptions? options = null;
        var client = new FakeChatClient((_, o) =>
        {
            options = o;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, """<tool_call>{"name":"done","arguments":{}}</tool_call>"""));
        });
        var page = Page();
        var marks = GuiActionPlanner.SelectMarks(page).Count;

        await new GuiActionPlanner(client).PlanAsync("Sign in", page, []);

        var tools = options!.Tools!.OfType<AIFunctionDeclaration>().ToDictionary(t => t.Name);
        Assert.Equal(GuiActionPlanner.Tools.Select(t => t.Name), tools.Keys);
        foreach (var name in new[] { "click", "type_text", "select_option" })
        {
            var shown = GuiActionPlanner.Tools.OfType<AIFunctionDeclaration>().Single(t => t.Name == name).JsonSchema.GetRawText();
            Assert.Equal(shown, tools[name].JsonSchema.GetRawText());
            var bounded = (System.Text.Json.JsonElement)tools[name].AdditionalProperties[GuiActionPlanner.ConstraintSchemaKey]!;
            var mark = bounded.GetProperty("properties").GetProperty("mark");
            Assert.Equal((1, marks), (mark.GetProperty("minimum").GetInt32(), mark.GetProperty("maximum").GetInt32()));
        }

        Assert.Empty(tools["done"].AdditionalProperties);
    }

    [Fact]
    public void BoundedTools_NoMarks_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GuiActionPlanner.BoundedTools(0));
    }

    [Fact]
    public async Task PlanAsync_FunctionCallContent_TypedActionWithTarget()
    {
        var client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new FunctionCallContent("c1", "type_text", new Dictionary<string, object?> { ["mark"] = 2L, ["text"] = "secret" })])));
        var planner = new GuiActionPlanner(client);

        var plan = await planner.PlanAsync("Sign in", Page(), []);

        Assert.Equal(GuiAction.TypeText(2, "secret"), plan.Action);
        Assert.Equal("Password", plan.Target?.Name);
    }

    [Fact]
    public async Task PlanAsync_Request_OneUserMessageWithImageAndRequiredTools()
    {
        IList<ChatMessage>? sent = null;
        ChatOptions? options = null;
        var client = new FakeChatClient((m, o) =>
        {
            sent = [.. m];
            options = o;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, """<tool_call>{"name":"done","arguments":{}}</tool_call>"""));
        });
        var planner = new GuiActionPlanner(client);

        await planner.PlanAsync("Sign in as ann", Page(), ["type_text 'Username' \"ann\""]);

        var message = Assert.Single(sent!);
        var text = Assert.IsType<TextContent>(message.Contents[0]).Text;
        Assert.Equal("Task: Sign in as ann\nMarks:\n[1] textbox 'Username'\n[2] textbox 'Password'\n[3] button 'Sign in'\nDone so far:\ntype_text 'Username' \"ann\"\nCall the tool for the next step. Call done when the task is complete.", text);
        Assert.Equal("image/png", Assert.IsType<DataContent>(message.Contents[1]).MediaType);
        Assert.Equal(ChatToolMode.RequireAny, options!.ToolMode);
        Assert.Equal(["click", "type_text", "select_option", "press_key", "scroll", "done"], options.Tools!.Select(t => t.Name));
    }

    [Fact]
    public async Task PlanAsync_MarkOutOfRange_NoActionWithReason()
    {
        var client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, """<tool_call>{"name":"click","arguments":{"mark":9}}</tool_call>""")));

        var plan = await new GuiActionPlanner(client).PlanAsync("Sign in", Page(), []);

        Assert.Null(plan.Action);
        Assert.Contains("mark 9", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_PlainText_NoAction()
    {
        var client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "I would click sign in")));

        var plan = await new GuiActionPlanner(client).PlanAsync("Sign in", Page(), []);

        Assert.Null(plan.Action);
    }

    [Fact]
    public void ToToolCallText_TypeText_CompactJsonInSchemaOrder()
    {
        Assert.Equal("""<tool_call>{"name":"type_text","arguments":{"mark":3,"text":"a \"b\" é"}}</tool_call>""", GuiAction.TypeText(3, "a \"b\" é").ToToolCallText());
    }

    private static PageObservation Page()
    {
        using var bitmap = new SKBitmap(200, 120);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var screenshot = new PageScreenshot(data.ToArray(), 200, 120);
        GuiCandidate Candidate(int id, string role, string name, double y) => new()
        {
            Id = id + 10, Source = CandidateSource.Dom, Role = role, Name = name, Box = new CssRect(10, y, 120, 20), IsInteractive = true,
        };
        return new PageObservation
        {
            Screenshot = screenshot,
            Candidates = [Candidate(3, "button", "Sign in", 80), Candidate(1, "textbox", "Username", 10), Candidate(2, "textbox", "Password", 45),
                new GuiCandidate { Id = 9, Source = CandidateSource.Dom, Role = "heading", Name = "Welcome", Box = new CssRect(10, 0, 100, 8) }],
        };
    }

    private sealed class FakeChatClient(Func<IEnumerable<ChatMessage>, ChatOptions?, ChatResponse> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer(messages, options));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
