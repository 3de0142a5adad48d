using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Generation;
using Microsoft.Extensions.AI;

namespace LocalModel.Tests.Generation;

/// <summary>
/// Log-probabilities of generated tokens (<see cref="GenerationRequest.ReportLogProbabilities"/>, the chat client's
/// <c>logprobs</c> setting), checked against the log-softmax of the independent PyTorch prefill logits.
/// </summary>
public sealed class LogProbabilityTests : IClassFixture<TinyLlavaEngineFixture>
{
    private readonly TinyLlavaEngineFixture _fixture;

    public LogProbabilityTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task GenerateStreaming_ReportLogProbabilities_FirstTokenMatchesGoldenLogSoftmax()
    {
        var golden = Fixtures.Golden("tiny-llava");
        var request = _fixture.GoldenRequest(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")), maxTokens: 4);
        request.IgnoreEndOfSequence = true;
        request.ReportLogProbabilities = true;

        var updates = await Collect(request);

        var logProbabilities = updates.Where(u => u.TokenId >= 0).Select(u => u.LogProbability).ToList();
        Assert.Equal(4, logProbabilities.Count);
        Assert.All(logProbabilities, p => Assert.True(p is <= 0.0, $"log-probability {p} is not <= 0"));
        var expected = LogSoftmax(Fixtures.Floats(golden.GetProperty("prefill_logits_last")), Fixtures.Ints(golden.GetProperty("greedy_ids"))[0]);
        Assert.Equal(expected, logProbabilities[0]!.Value, 1e-4); // the prefill logits agree within 1e-4 (EngineParityTests)
    }

    [Fact]
    public async Task GenerateStreaming_Greedy_LogProbabilityIsTheLargestOfTheStep()
    {
        var golden = Fixtures.Golden("tiny-llava");
        var request = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("text_input_ids")), MaxTokens = 1, IgnoreEndOfSequence = true, ReportLogProbabilities = true, CapturePrefillLogits = true };

        var updates = await Collect(request);

        var last = updates[^1];
        var logits = last.PrefillLogits!;
        var best = Enumerable.Range(0, logits.Length).Max(i => LogSoftmax(logits, i));
        Assert.Equal(best, last.LogProbability!.Value, 6);
    }

    [Fact]
    public async Task GenerateStreaming_NotRequested_NoLogProbabilities()
    {
        var request = _fixture.GoldenRequest(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")), maxTokens: 3);

        var updates = await Collect(request);

        Assert.All(updates, u => Assert.Null(u.LogProbability));
    }

    [Fact]
    public async Task GetResponse_LogprobsOnForcedAnswers_SumsPerTokenValuesAndScoresUnderTheRawDistribution()
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);

        var alpha = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Pick one.")], Forced("alpha"));
        var beta = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Pick one.")], Forced("beta"));

        Assert.Equal("\"alpha\"", alpha.Text);
        Assert.Equal("\"beta\"", beta.Text);
        foreach (var response in new[] { alpha, beta })
        {
            var sum = (double)response.AdditionalProperties![LocalVlmChatClient.LogProbabilityKey]!;
            var tokens = (double[])response.AdditionalProperties[LocalVlmChatClient.TokenLogProbabilitiesKey]!;
            Assert.Equal(response.Usage!.OutputTokenCount, tokens.Length);
            Assert.Equal(tokens.Sum(), sum, 9);
            Assert.True(sum < 0);
        }

        // Under the raw distribution two different forced answers are scored differently (a mask-renormalised
        // score would give every forced token probability 1, so both sums would be 0).
        Assert.NotEqual((double)alpha.AdditionalProperties![LocalVlmChatClient.LogProbabilityKey]!, (double)beta.AdditionalProperties![LocalVlmChatClient.LogProbabilityKey]!);
    }

    [Fact]
    public async Task GetResponse_LogprobsOff_NoLogProbabilityProperties()
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 2 });

        Assert.False(response.AdditionalProperties!.ContainsKey(LocalVlmChatClient.LogProbabilityKey));
        Assert.False(response.AdditionalProperties.ContainsKey(LocalVlmChatClient.TokenLogProbabilitiesKey));
    }

    [Fact]
    public async Task GetResponse_LogprobsNotABoolean_ThrowsNamingTheKey()
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        var options = new ChatOptions { AdditionalProperties = new() { ["logprobs"] = "sometimes" } };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Contains("logprobs", e.Message, StringComparison.Ordinal);
    }

    private static ChatOptions Forced(string answer) => new()
    {
        MaxOutputTokens = 16,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse($$"""{"type":"string","const":"{{answer}}"}""").RootElement),
        AdditionalProperties = new() { [LocalVlmRequestSettings.LogProbabilitiesKey] = true },
    };

    private static double LogSoftmax(float[] logits, int index)
    {
        var max = logits.Max();
        var sum = logits.Sum(v => Math.Exp(v - max));
        return logits[index] - max - Math.Log(sum);
    }

    private async Task<List<GenerationUpdate>> Collect(GenerationRequest request)
    {
        var updates = new List<GenerationUpdate>();
        await foreach (var update in _fixture.Engine.GenerateStreamingAsync(request))
        {
            updates.Add(update);
        }

        return updates;
    }
}
