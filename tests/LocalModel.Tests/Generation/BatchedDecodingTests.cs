using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.Runtime;
using LocalModel.Telemetry;

namespace LocalModel.Tests.Generation;

/// <summary>Continuous batching: concurrent requests decode in one decoder call and get exactly what each gets alone.</summary>
[Collection(BatchSizeListener.Collection)]
public class BatchedDecodingTests
{
    [Theory]
    [InlineData(false, "fp32")]
    [InlineData(true, "fp32")]
    [InlineData(false, "int4")]
    [InlineData(false, "int8")]
    [InlineData(false, "fp32", "fused")]
    [InlineData(true, "fp32", "fused")]
    [InlineData(false, "int4", "fused")]
    public async Task Generate_SixteenConcurrentRequests_EqualAloneAndRunBatched(bool sampled, string dtype, string flavour = "standard")
    {
        // Quantized packages are checked greedy only: MatMulNBits rounds differently for one row than for several
        // (logits within about 6e-6), which can move a sampled token but not an argmax with any margin.
        // Arrange: prompts of different lengths (some with an image) so rows join with different pasts.
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava", dtype, flavour: flavour), new VlmEngineOptions { MaxConcurrentRequests = 16, MaxBatchSize = 16 });
        var image = ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));
        GenerationRequest Make(int i)
        {
            var r = new GenerationRequest
            {
                Prompt = i % 3 == 0 ? "USER: <image>\nDescribe it. ASSISTANT:" : string.Concat(Enumerable.Repeat("word ", 1 + (i * 5))),
                MaxTokens = 12 + (i % 5 * 7),
                IgnoreEndOfSequence = true,
                Sampling = sampled ? new SamplingOptions { Temperature = 0.9f, TopK = 40, TopP = 0.95f, Seed = 7 + i } : new SamplingOptions(),
            };
            if (i % 3 == 0)
            {
                r.Images.Add(image);
            }

            return r;
        }

        var alone = new List<GenerationResult>();
        for (var i = 0; i < 16; i++)
        {
            alone.Add(await engine.GenerateAsync(Make(i)));
        }

        // Act
        using var listener = new BatchSizeListener();
        var together = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => engine.GenerateAsync(Make(i)))));

        // Assert: same tokens, and steps really ran batched.
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(alone[i].TokenIds, together[i].TokenIds);
        }

        Assert.True(listener.Largest >= 4, $"The largest decode batch was {listener.Largest}; concurrent requests should decode together.");
    }

    [Fact]
    public async Task GenerateStreaming_CancelledMidBatch_FreesSlotAndOthersUnchanged()
    {
        // Arrange: one slot per request, so a slot that is not freed would block the last request.
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"), new VlmEngineOptions { MaxConcurrentRequests = 4, MaxQueuedRequests = 0 });
        GenerationRequest Make(int i) => new() { Prompt = "Request number " + i, MaxTokens = 40, IgnoreEndOfSequence = true };
        var alone = new List<GenerationResult>();
        for (var i = 0; i < 3; i++)
        {
            alone.Add(await engine.GenerateAsync(Make(i)));
        }

        using var cts = new CancellationTokenSource();
        using var listener = new BatchSizeListener();
        var cancelled = Task.Run(async () =>
        {
            var seen = 0;
            await foreach (var update in engine.GenerateStreamingAsync(Make(99), cts.Token))
            {
                if (++seen == 5)
                {
                    cts.Cancel();
                }
            }
        });
        var others = Enumerable.Range(0, 3).Select(i => Task.Run(() => engine.GenerateAsync(Make(i)))).ToArray();

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var results = await Task.WhenAll(others);

        // Assert: the others decoded unchanged, batched with each other.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(alone[i].TokenIds, results[i].TokenIds);
        }

        Assert.True(listener.Largest >= 2, $"The largest decode batch was {listener.Largest}.");

        // The cancelled request's slot is free again: four requests at once fit without queueing (the queue holds none).
        var four = await WithinAsync(Task.WhenAll(Enumerable.Range(0, 4).Select(i => engine.GenerateAsync(Make(i)))), TimeSpan.FromSeconds(60));
        Assert.All(four, r => Assert.Equal(40, r.Usage.CompletionTokens));
    }

    [Fact]
    public async Task Generate_MaxBatchSizeOne_DecodesAloneWithSameResults()
    {
        // Arrange
        using var batched = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        using var unbatched = VlmEngine.Load(Fixtures.Package("tiny-llava"), new VlmEngineOptions { MaxBatchSize = 1 });
        GenerationRequest Make(int i) => new() { Prompt = "Tell me about " + i, MaxTokens = 20, IgnoreEndOfSequence = true };

        // Act
        using var listener = new BatchSizeListener();
        var a = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => unbatched.GenerateAsync(Make(i)))));
        var largestUnbatched = listener.Largest;
        var b = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => batched.GenerateAsync(Make(i)))));

        // Assert
        Assert.Equal(1, largestUnbatched);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(a[i].TokenIds, b[i].TokenIds);
        }
    }

    [Fact]
    public async Task GenerateStreaming_EngineDisposedMidway_CallersFailInsteadOfHanging()
    {
        // Arrange: two requests that need the whole context, each token slowed by a constraint that allows every token
        // (so they cannot finish before the engine goes); dispose once both have begun.
        var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        var started = Enumerable.Range(0, 2).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var streams = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            var seen = 0;
            await foreach (var update in engine.GenerateStreamingAsync(new GenerationRequest { Prompt = "Long story " + i, MaxTokens = engine.ContextLength, IgnoreEndOfSequence = true, Constraint = new SlowAllowAllConstraint() }))
            {
                if (++seen == 1)
                {
                    started[i].SetResult();
                }
            }

            return seen;
        })).ToArray();
        await Task.WhenAll(started.Select(s => s.Task));

        // Act
        engine.Dispose();

        // Assert: each caller ends with the disposal error within a bounded time.
        foreach (var stream in streams)
        {
            var finished = await Task.WhenAny(stream, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(finished == stream, "A caller was left waiting after the engine was disposed.");
            await Assert.ThrowsAsync<ObjectDisposedException>(() => stream);
        }
    }

    private static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan limit)
    {
        var done = await Task.WhenAny(task, Task.Delay(limit));
        Assert.True(done == task, $"Not finished within {limit}: a slot was not released.");
        return await task;
    }
}

/// <summary>Allows every token, taking 2 ms per token.</summary>
internal sealed class SlowAllowAllConstraint : ITokenConstraint
{
    public bool IsComplete => false;

    public void Mask(Span<float> logits) => Thread.Sleep(2);

    public void Accept(int tokenId)
    {
    }
}

/// <summary>Batch-size measurements are process-wide: these tests run alone.</summary>
[CollectionDefinition(BatchSizeListener.Collection, DisableParallelization = true)]
public sealed class BatchSizeCollection
{
}

/// <summary>Records the largest <c>localmodel.decode.batch_size</c> seen while it is alive.</summary>
internal sealed class BatchSizeListener : IDisposable
{
    public const string Collection = "decode batch size";

    private readonly MeterListener _listener = new();
    private int _largest;

    public BatchSizeListener()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VlmTelemetry.Name && instrument.Name == "localmodel.decode.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            int seen;
            do
            {
                seen = _largest;
            }
            while (value > seen && Interlocked.CompareExchange(ref _largest, value, seen) != seen);
        });
        _listener.Start();
    }

    public int Largest => Volatile.Read(ref _largest);

    public void Dispose() => _listener.Dispose();
}
