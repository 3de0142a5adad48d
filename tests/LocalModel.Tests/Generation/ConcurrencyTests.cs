using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Generation;
using LocalModel.Runtime;
using Agents.TestSupport;

namespace LocalModel.Tests.Generation;

public class ConcurrencyTests
{
    [Fact]
    public async Task GenerateAsync_NextRequestRightAfterAResult_FindsTheSlotFree()
    {
        // One slot and no queue: a request sent the moment the previous one returned must be admitted, which holds
        // only if the slot is freed before the caller sees the last update (not when the scheduler disposes it later).
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"), new VlmEngineOptions { MaxConcurrentRequests = 1, MaxQueuedRequests = 0 });
        var ids = new[] { 1, 45, 49, 31 };

        for (var i = 0; i < 300; i++)
        {
            var result = await engine.GenerateAsync(new GenerationRequest { PromptTokenIds = ids, MaxTokens = 2, IgnoreEndOfSequence = true });
            Assert.Equal(2, result.TokenIds.Count);
        }
    }

    [Fact]
    public async Task Generate_SixteenConcurrentSeededRequests_EqualSequentialResults()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"), new VlmEngineOptions { MaxConcurrentRequests = 16 });
        var image = ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));
        GenerationRequest Make(int i)
        {
            var r = new GenerationRequest
            {
                Prompt = i % 2 == 0 ? "USER: <image>\nDescribe it. ASSISTANT:" : "A short story about the sea",
                MaxTokens = 10 + i,
                Sampling = new SamplingOptions { Temperature = 0.9f, TopK = 50, TopP = 0.95f, Seed = 100 + i },
            };
            if (i % 2 == 0)
            {
                r.Images.Add(image);
            }

            return r;
        }

        var sequential = new GenerationResult[16];
        for (var i = 0; i < 16; i++)
        {
            sequential[i] = await engine.GenerateAsync(Make(i));
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => engine.GenerateAsync(Make(i)))));

        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(sequential[i].TokenIds, concurrent[i].TokenIds);
        }
    }

    [Fact]
    public async Task Generate_QueueFull_ThrowsRequestQueueFullAndRecovers()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"), new VlmEngineOptions { MaxConcurrentRequests = 1, MaxQueuedRequests = 1 });
        var holding = engine.GenerateStreamingAsync(new GenerationRequest { Prompt = "Hold the slot", MaxTokens = 50, IgnoreEndOfSequence = true }).GetAsyncEnumerator();
        Assert.True(await holding.MoveNextAsync());

        // The second request waits (the queue holds one); the third finds the queue full.
        var waiting = engine.GenerateAsync(new GenerationRequest { Prompt = "Wait", MaxTokens = 2 });
        var ex = await Assert.ThrowsAsync<RequestQueueFullException>(() => engine.GenerateAsync(new GenerationRequest { Prompt = "No room", MaxTokens = 2 }));
        Assert.Contains("MaxQueuedRequests", ex.Message, StringComparison.Ordinal);
        Assert.False(waiting.IsCompleted);

        await holding.DisposeAsync();
        var second = await waiting;
        Assert.True(second.Usage.CompletionTokens >= 1);
    }

    [Fact]
    public async Task GenerateStreaming_CancelledMidway_ThrowsOperationCanceled()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        using var cts = new CancellationTokenSource();
        var request = new GenerationRequest { Prompt = "Tell me everything", MaxTokens = 200, IgnoreEndOfSequence = true };
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in engine.GenerateStreamingAsync(request, cts.Token))
            {
                if (++seen == 3)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(3, seen);

        // The engine is still usable afterwards.
        var after = await engine.GenerateAsync(new GenerationRequest { Prompt = "Again", MaxTokens = 3, IgnoreEndOfSequence = true });
        Assert.Equal(3, after.Usage.CompletionTokens);
    }

    [Fact]
    public async Task Generate_SameSeed_Reproducible_DifferentSeed_Differs()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        GenerationRequest Make(int seed) => new() { Prompt = "Once upon a time", MaxTokens = 24, IgnoreEndOfSequence = true, Sampling = new SamplingOptions { Temperature = 1.5f, Seed = seed } };

        var a = await engine.GenerateAsync(Make(1));
        var b = await engine.GenerateAsync(Make(1));
        var c = await engine.GenerateAsync(Make(2));

        Assert.Equal(a.TokenIds, b.TokenIds);
        Assert.NotEqual(a.TokenIds, c.TokenIds);
    }
}
