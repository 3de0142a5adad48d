using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Reranking;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval.Reranking;

/// <summary>The re-ranker against a fake chat client that reports chosen log-probabilities (or none).</summary>
public sealed class ModelToolRetrieverTests
{
    private static readonly Plugins.Tools.Catalog.ToolCatalog Catalog = new(
    [
        TestCatalogs.Tool("A", "does a"),
        TestCatalogs.Tool("B", "does b"),
        TestCatalogs.Tool("C", "does c"),
        TestCatalogs.Tool("D", "does d"),
    ]);

    private static JsonElement Schema(ChatOptions? options) =>
        Assert.IsType<ChatResponseFormatJson>(options?.ResponseFormat).Schema ?? throw new InvalidOperationException("no schema");

    // Answers a const-constrained request with the name and its log-probability (and per-token values when given).
    private static FakeChatClient Scoring(Dictionary<string, double> logProbabilities, Dictionary<string, double[]>? perToken = null) => new()
    {
        Respond = (_, options) =>
        {
            var name = Schema(options).GetProperty("const").GetString()!;
            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, JsonSerializer.Serialize(name)))
            {
                AdditionalProperties = new AdditionalPropertiesDictionary { ["log_probability"] = logProbabilities[name] },
            };
            if (perToken is not null)
            {
                response.AdditionalProperties["token_log_probabilities"] = perToken[name];
            }

            return response;
        },
    };

    [Fact]
    public async Task RetrieveAsync_LogProbabilities_RankTheShortlist()
    {
        // Arrange: the shortlist is A, B, C (D is cut by ShortlistSize 3); the model prefers C, then A, then B.
        var client = Scoring(new() { ["A"] = -2.5, ["B"] = -7.0, ["C"] = -0.5 });
        var retriever = new ModelToolRetriever(client, new FixedToolRetriever("inner", "A", "B", "C", "D"), new ModelToolRetrieverOptions { ShortlistSize = 3 });

        // Act
        var matches = await retriever.RetrieveAsync(Catalog, new ToolQuery("do something"), 3);

        // Assert
        Assert.Equal(["C", "A", "B"], matches.Select(m => m.Tool.Name));
        Assert.Equal([-0.5, -2.5, -7.0], matches.Select(m => m.Score));
        Assert.Equal(3, client.Requests.Count);
    }

    [Fact]
    public async Task RetrieveAsync_EachRequest_ForcesOneNameWithLogProbabilitiesAndThePrompt()
    {
        // Arrange
        var client = Scoring(new() { ["A"] = -1, ["B"] = -2 });
        var retriever = new ModelToolRetriever(client, new FixedToolRetriever("inner", "A", "B"), new ModelToolRetrieverOptions { ShortlistSize = 2, MaxOutputTokens = 20 });
        var image = new DataContent(new byte[] { 1, 2, 3 }, "image/png");

        // Act
        await retriever.RetrieveAsync(Catalog, new ToolQuery("crop this photo") { Images = [image] }, 2);

        // Assert
        Assert.Equal(["A", "B"], client.Requests.Select(r => Schema(r.Options).GetProperty("const").GetString()).Order());
        foreach (var (messages, options) in client.Requests)
        {
            Assert.Equal("string", Schema(options).GetProperty("type").GetString());
            Assert.Equal(true, options!.AdditionalProperties!["logprobs"]);
            Assert.Equal(20, options.MaxOutputTokens);
            var message = Assert.Single(messages);
            Assert.Equal(ChatRole.User, message.Role);
            Assert.Same(image, message.Contents[0]);
            Assert.Equal("Instruction: crop this photo\n\nTools:\nA: does a\nB: does b\n\nAnswer with the tool name.", message.Text);
        }
    }

    [Fact]
    public async Task RetrieveAsync_MeanPerToken_DividesByTheTokenCount()
    {
        // Arrange: sums -6 over 3 tokens (mean -2) and -4 over 1 token (mean -4): the sum prefers B, the mean A.
        var client = Scoring(new() { ["A"] = -6, ["B"] = -4 }, new() { ["A"] = [-1, -2, -3], ["B"] = [-4] });
        var inner = new FixedToolRetriever("inner", "A", "B");

        // Act
        var bySum = await new ModelToolRetriever(client, inner).RetrieveAsync(Catalog, new ToolQuery("q"), 2);
        var byMean = await new ModelToolRetriever(client, inner, new ModelToolRetrieverOptions { MeanPerToken = true }).RetrieveAsync(Catalog, new ToolQuery("q"), 2);

        // Assert
        Assert.Equal(["B", "A"], bySum.Select(m => m.Tool.Name));
        Assert.Equal(["A", "B"], byMean.Select(m => m.Tool.Name));
        Assert.Equal(-2, byMean[0].Score, 1e-12);
    }

    [Fact]
    public async Task RetrieveAsync_NoLogProbabilities_FallsBackToOneEnumChoice()
    {
        // Arrange: a remote-like client: no log_probability; under the enum schema it answers "C".
        var client = new FakeChatClient
        {
            Respond = (_, options) => new ChatResponse(new ChatMessage(ChatRole.Assistant, Schema(options).TryGetProperty("enum", out JsonElement _) ? "\"C\"" : "\"A\"")),
        };
        var retriever = new ModelToolRetriever(client, new FixedToolRetriever("inner", "A", "B", "C", "D"));

        // Act
        var first = await retriever.RetrieveAsync(Catalog, new ToolQuery("q"), 4);
        var requestsAfterFirst = client.Requests.Count;
        var second = await retriever.RetrieveAsync(Catalog, new ToolQuery("q"), 4);

        // Assert: the choice first, the rest in shortlist order; the second query sends only the enum request.
        Assert.Equal(["C", "A", "B", "D"], first.Select(m => m.Tool.Name));
        Assert.Equal(["C", "A", "B", "D"], second.Select(m => m.Tool.Name));
        Assert.Equal(4 + 1, requestsAfterFirst);
        Assert.Equal(requestsAfterFirst + 1, client.Requests.Count);
        var enumValues = Schema(client.Requests[^1].Options).GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["A", "B", "C", "D"], enumValues);
    }

    [Fact]
    public async Task RetrieveAsync_UnknownChoice_KeepsShortlistOrder()
    {
        // Arrange
        var client = new FakeChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "not json")) };
        var retriever = new ModelToolRetriever(client, new FixedToolRetriever("inner", "B", "A"));

        // Act
        var matches = await retriever.RetrieveAsync(Catalog, new ToolQuery("q"), 2);

        // Assert
        Assert.Equal(["B", "A"], matches.Select(m => m.Tool.Name));
    }

    [Fact]
    public async Task RetrieveAsync_SingleCandidate_AsksNothing()
    {
        // Arrange
        var client = new FakeChatClient();
        var retriever = new ModelToolRetriever(client, new FixedToolRetriever("inner", "D"));

        // Act
        var matches = await retriever.RetrieveAsync(Catalog, new ToolQuery("q"), 3);

        // Assert
        Assert.Equal("D", Assert.Single(matches).Tool.Name);
        Assert.Empty(client.Requests);
    }

    [Theory]
    [InlineData(-1.25)]
    [InlineData(-1.25f)]
    [InlineData("-1.25")]
    public void TryReadDouble_NumberForms_ReadTheValue(object value)
    {
        // Act
        var ok = ModelToolRetriever.TryReadDouble(value, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(-1.25, result);
    }

    [Fact]
    public async Task RetrieveAsync_AdditionalProperties_AreSentWithEveryRequestAndLogprobsWins()
    {
        // Arrange: pruning keys for the local client, and a caller's logprobs = false that the retriever must override.
        var client = Scoring(new() { ["A"] = -1.0, ["B"] = -2.0 });
        var options = new ModelToolRetrieverOptions
        {
            ShortlistSize = 2,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["pruning_method"] = "fastervlm", ["visual_token_budget"] = "25%", ["logprobs"] = false },
        };
        var retriever = new ModelToolRetriever(client, new FixedToolRetriever("inner", "A", "B"), options);

        // Act
        var matches = await retriever.RetrieveAsync(Catalog, new ToolQuery("do something"), 1);

        // Assert
        Assert.Equal("A", matches[0].Tool.Name);
        Assert.Equal(2, client.Requests.Count);
        Assert.All(client.Requests, r =>
        {
            Assert.Equal("fastervlm", r.Options!.AdditionalProperties!["pruning_method"]);
            Assert.Equal("25%", r.Options.AdditionalProperties["visual_token_budget"]);
            Assert.Equal(true, r.Options.AdditionalProperties["logprobs"]);
        });
    }
}
