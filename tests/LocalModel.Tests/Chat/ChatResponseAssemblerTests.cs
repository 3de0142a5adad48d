using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace LocalModel.Tests.Chat;

/// <summary>Engine updates (hand-made here) to chat updates: text, tool calls, usage and finish reasons.</summary>
public sealed class ChatResponseAssemblerTests
{
    private static readonly ChatToolDescription Weather = new("get_weather", "Gets the weather", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement.Clone());

    private readonly RecordingLogger _logger = new();
    private int _ids;

    [Fact]
    public async Task Assemble_PlainText_StreamsTextThenUsageAndStop()
    {
        var updates = await AssembleAsync([], FinishReason.EndOfSequence, "Hel", "lo", " world");

        Assert.Equal("Hello world", string.Concat(updates.Select(u => u.Text)));
        var last = updates[^1];
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        var usage = Assert.Single(last.Contents.OfType<UsageContent>()).Details;
        Assert.Equal(30, usage.InputTokenCount);
        Assert.Equal(3, usage.OutputTokenCount);
        Assert.Equal(33, usage.TotalTokenCount);
        Assert.Equal(32L, usage.AdditionalCounts![LocalVlmChatClient.VisualTokensTotalKey]);
        Assert.Equal(8L, usage.AdditionalCounts[LocalVlmChatClient.VisualTokensKeptKey]);
        Assert.Equal(12.5, last.AdditionalProperties![LocalVlmChatClient.TimeToFirstTokenKey]);
        Assert.Equal(7.25, last.AdditionalProperties[LocalVlmChatClient.PrefillKey]);
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.Equal("model-x", u.ModelId));
    }

    [Theory]
    [InlineData(FinishReason.Length, "length")]
    [InlineData(FinishReason.ContextLength, "length")]
    [InlineData(FinishReason.StopSequence, "stop")]
    [InlineData(FinishReason.EndOfSequence, "stop")]
    public async Task Assemble_EngineFinishReason_MapsToChatFinishReason(FinishReason finish, string expected)
    {
        var updates = await AssembleAsync([], finish, "x");

        Assert.Equal(new ChatFinishReason(expected), updates[^1].FinishReason);
    }

    [Fact]
    public async Task Assemble_ToolCallSplitAcrossTokens_BecomesFunctionCallWithToolCallsReason()
    {
        // Arrange: the marker arrives in pieces after some text.
        var pieces = new[] { "Let me check. <to", "ol_c", "all>{\"name\":\"get_weather\",", "\"arguments\":{\"city\":\"Paris\"}}</tool_call>" };

        // Act
        var updates = await AssembleAsync([Weather], FinishReason.EndOfSequence, pieces);

        // Assert: no update shows any part of the call as text.
        Assert.Equal("Let me check. ", string.Concat(updates.Select(u => u.Text)));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("Paris", call.Arguments!["city"]);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Assemble_CallArguments_BecomeDotNetValuesExceptObjectsAndArrays()
    {
        var output = "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"s\":\"x\",\"i\":3,\"d\":2.5,\"b\":true,\"n\":null,\"o\":{\"k\":1},\"a\":[1]}}</tool_call>";

        var updates = await AssembleAsync([Weather], FinishReason.EndOfSequence, output);

        var arguments = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>()).Arguments!;
        Assert.Equal("x", arguments["s"]);
        Assert.Equal(3L, arguments["i"]);
        Assert.Equal(2.5, arguments["d"]);
        Assert.Equal(true, arguments["b"]);
        Assert.Null(arguments["n"]);
        Assert.Equal(JsonValueKind.Object, ((JsonElement)arguments["o"]!).ValueKind);
        Assert.Equal(JsonValueKind.Array, ((JsonElement)arguments["a"]!).ValueKind);
    }

    [Fact]
    public async Task Assemble_SeveralCalls_GetUniqueIds()
    {
        var text = "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"A\"}}</tool_call>\n<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"B\"}}</tool_call>";

        var first = await AssembleAsync([Weather], FinishReason.EndOfSequence, text);
        var second = await AssembleAsync([Weather], FinishReason.EndOfSequence, text);

        var ids = first.Concat(second).SelectMany(u => u.Contents).OfType<FunctionCallContent>().Select(c => c.CallId).ToArray();
        Assert.Equal(["call_1", "call_2", "call_3", "call_4"], ids);
    }

    [Fact]
    public async Task Assemble_MultipleCallsNotAllowed_KeepsFirstAndLogs()
    {
        var text = "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"A\"}}</tool_call><tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"B\"}}</tool_call>";

        var updates = await AssembleAsync([Weather], FinishReason.EndOfSequence, allowMultiple: false, text);

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("A", call.Arguments!["city"]);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Theory]
    [InlineData("<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":")]
    [InlineData("<tool_call>{\"name\":\"launch\",\"arguments\":{}}</tool_call>")]
    [InlineData("<tool_call>{\"name\":\"get_weather\",\"arguments\":[1]}</tool_call>")]
    [InlineData("<tool_call>not json</tool_call>")]
    public async Task Assemble_UnusableToolCall_ReturnedAsTextWithWarning(string output)
    {
        var updates = await AssembleAsync([Weather], FinishReason.EndOfSequence, output);

        Assert.Equal(output, string.Concat(updates.Select(u => u.Text)));
        Assert.Empty(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("returned as text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Assemble_NoToolsOffered_MarkerIsPlainText()
    {
        var output = "<tool_call>{\"name\":\"get_weather\",\"arguments\":{}}</tool_call>";

        var updates = await AssembleAsync([], FinishReason.EndOfSequence, output);

        Assert.Equal(output, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Assemble_PartialMarkerThatIsNotACall_IsReleased()
    {
        var updates = await AssembleAsync([Weather], FinishReason.EndOfSequence, "a <to", "day");

        Assert.Equal("a <today", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("a ", updates[0].Text);
    }

    private Task<List<ChatResponseUpdate>> AssembleAsync(IReadOnlyList<ChatToolDescription> tools, FinishReason finish, params string[] pieces) =>
        AssembleAsync(tools, finish, allowMultiple: true, pieces);

    private async Task<List<ChatResponseUpdate>> AssembleAsync(IReadOnlyList<ChatToolDescription> tools, FinishReason finish, bool allowMultiple, params string[] pieces)
    {
        var assembler = new ChatResponseAssembler("model-x", () => $"call_{++_ids}", _logger);
        var result = new List<ChatResponseUpdate>();
        await foreach (var update in assembler.AssembleAsync(Engine(pieces, finish), tools, allowMultiple))
        {
            result.Add(update);
        }

        return result;
    }

    private static async IAsyncEnumerable<GenerationUpdate> Engine(string[] pieces, FinishReason finish)
    {
        await Task.Yield();
        for (var i = 0; i < pieces.Length - 1; i++)
        {
            yield return new GenerationUpdate { TokenId = i + 3, Text = pieces[i] };
        }

        yield return new GenerationUpdate
        {
            TokenId = -1,
            Text = pieces[^1],
            FinishReason = finish,
            Usage = new GenerationUsage(30, 32, 8, pieces.Length),
            Timings = new GenerationTimings(12.5, 3, 1, 7.25, 100, 20, 30, 10, 5),
        };
    }
}
