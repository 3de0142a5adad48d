using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Agents.Bench;
using Agents.Bench.Serving;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests;

/// <summary>The load test behind <c>agents bench serve</c>, against the server over a hand-written client.</summary>
public sealed class ServerLoadTestTests
{
    [Fact]
    public async Task Run_HealthyServer_EveryLevelCountsItsRequestsAndTokens()
    {
        var fake = new FakeChatClient
        {
            Answer = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 3 } }),
        };
        await using var host = await ServerHost.StartAsync(fake);
        using var http = new HttpClient();
        var progress = new CountingProgress();

        foreach (var stream in new[] { false, true })
        {
            var rows = await ServerLoadTest.RunAsync(http, new Uri(host.V1 + "/chat/completions"), new ServerLoadTestOptions { Clients = [1, 3], RequestsPerClient = 2, Model = "tiny-llava", Stream = stream, Image = new byte[] { 1, 2, 3 } }, progress);

            Assert.Equal([(1, 2, 0, 6L), (3, 6, 0, 18L)], rows.Select(r => (r.Clients, r.Requests, r.Errors, r.CompletionTokens)));
            Assert.All(rows, r => Assert.True(r.P50Ms <= r.P99Ms && r.RequestsPerSecond > 0));
        }

        Assert.Equal(2 * (1 + 2 + 6), fake.Calls.Count);
        Assert.Equal([2, 6, 2, 6], progress.Totals);
        Assert.Equal(progress.Totals.Sum(), progress.Advanced);
        var image = Assert.Single(fake.Calls.First().Messages[0].Contents.OfType<DataContent>());
        Assert.Equal([1, 2, 3], image.Data.ToArray());
    }

    [Fact]
    public async Task Run_QueueFull_CountsTheRefusalsBy429()
    {
        var fake = new FakeChatClient
        {
            Answer = async (_, _, ct) =>
            {
                await Task.Delay(150, ct);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { OutputTokenCount = 1 } };
            },
        };
        await using var host = await ServerHost.StartAsync(fake, o => { o.MaxConcurrentRequests = 1; o.MaxQueuedRequests = 0; });
        using var http = new HttpClient();

        var rows = await ServerLoadTest.RunAsync(http, new Uri(host.V1 + "/chat/completions"), new ServerLoadTestOptions { Clients = [4], RequestsPerClient = 2 }, new CountingProgress());

        var row = Assert.Single(rows);
        Assert.True(row.Errors > 0, "4 clients against 1 slot and no queue must be refused");
        Assert.Equal(row.Errors, row.ErrorsByStatus[429]);
        Assert.Equal(8, row.Requests);
    }

    [Fact]
    public async Task Run_WarmUpRefused_ThrowsWithTheServersAnswer()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient(), o => o.ApiKey = "k");
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerLoadTest.RunAsync(http, new Uri(host.V1 + "/chat/completions"), new ServerLoadTestOptions(), new CountingProgress()));

        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 3)]
    [InlineData(99, 5)]
    [InlineData(0, 1)]
    [InlineData(100, 5)]
    public void Percentile_NearestRank(double percentile, double expected)
    {
        Assert.Equal(expected, ServerLoadTest.Percentile([1, 2, 3, 4, 5], percentile));
    }

    [Fact]
    public void Options_NoLevels_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ServerLoadTestOptions { Clients = [] });

        Assert.Contains("ServerLoadTestOptions.Clients", e.Message, StringComparison.Ordinal);
    }

    private sealed class CountingProgress : IBenchmarkProgress
    {
        public List<int> Totals { get; } = [];

        public int Advanced { get; private set; }

        public IBenchmarkStep Start(string label, int total)
        {
            Totals.Add(total);
            return new Step(this);
        }

        private sealed class Step(CountingProgress owner) : IBenchmarkStep
        {
            public void Advance()
            {
                lock (owner)
                {
                    owner.Advanced++;
                }
            }

            public void Complete()
            {
            }
        }
    }
}
