using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Plugins.Tools.Retrieval.Lexical;

namespace Plugins.Tools.Tests.Selection;

/// <summary>
/// The middleware in front of the real local client over the tiny-llava fixture: with twelve functions offered and a
/// required call, the constrained call must name one of the two shortlisted tools (the rest never reach the model,
/// and the full list would not fit its 512 positions).
/// </summary>
public sealed class ToolSelectionTinyLlavaTests(TinyLlavaChatClientFixture tiny) : IClassFixture<TinyLlavaChatClientFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RequireAnyOverManyTools_CallsAShortlistedTool(bool streaming)
    {
        // Arrange: BM25 shortlists the two "alarm" tools for the instruction.
        string[] names = ["set_alarm", "cancel_alarm", "play_music", "send_email", "read_news", "take_note", "book_flight", "order_taxi", "translate_text", "track_package", "get_stock_price", "turn_on_lights"];
        var tools = names.Select(n => (AITool)AIFunctionFactory.Create(() => "ok", n, n.Replace('_', ' '))).ToList();
        // Not disposed: disposing the pipeline would dispose the fixture's shared client.
        var client = tiny.Client.AsBuilder().UseToolSelection(new Bm25ToolRetriever(), o => o.TopK = 2).Build();
        var options = new ChatOptions { Tools = tools, ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 64, Instructions = "Call a tool." };
        ChatMessage[] messages = [new(ChatRole.User, "alarm please")];

        // Act
        var response = streaming
            ? await client.GetStreamingResponseAsync(messages, options).ToChatResponseAsync()
            : await client.GetResponseAsync(messages, options);

        // Assert
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToArray();
        Assert.True(calls.Length > 0, $"no call parsed from \"{response.Text}\" (finish: {response.FinishReason})");
        Assert.All(calls, c => Assert.Contains(c.Name, new[] { "set_alarm", "cancel_alarm" }));
        Assert.Equal(12, options.Tools.Count);
    }
}
