using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LocalModel.Telemetry;
using Microsoft.Extensions.Logging;

namespace LocalModel.Generation;

/// <summary>
/// The engine's decode loop, on a thread of its own so no caller's thread ever runs a decode step. Requests join
/// after their prefill and leave when finished or cancelled, between steps. Each iteration steps every active
/// request once: requests on the unstaged decoder decode together as one <see cref="DecodeBatch"/> call when two or
/// more are active (continuous batching); a request alone, a staged (FastV/PyramidDrop) request, or one beyond the
/// batch size decodes on its own. A request that leaves the batch alone again gets its cache back and continues on
/// the allocation-free single-request path. Thread-safe: <see cref="Add"/> from any thread.
/// </summary>
internal sealed partial class DecodeScheduler : IDisposable
{
    private readonly ConcurrentQueue<GenerationSequence> _incoming = new();
    // Not disposed: a late Add may still signal it while the engine is being disposed; it holds no native memory.
    private readonly AutoResetEvent _wake = new(false);
    private readonly List<GenerationSequence> _active = new();
    private readonly DecodeBatch? _batch;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <param name="batch">The batch for unstaged requests, or null to decode every request on its own.</param>
    /// <param name="logger">The engine's logger.</param>
    public DecodeScheduler(DecodeBatch? batch, ILogger logger)
    {
        _batch = batch;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "LocalModel decode" };
        _thread.Start();
    }

    /// <summary>Hands a request whose first token is out to the decode loop, which owns and disposes it from now on.</summary>
    public void Add(GenerationSequence sequence)
    {
        _incoming.Enqueue(sequence);
        if (_stopping)
        {
            // Disposal may have drained the queue already: end what is left here.
            FailIncoming();
            return;
        }

        _wake.Set();
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join();
        foreach (var s in _active)
        {
            s.Fail(new ObjectDisposedException(nameof(VlmEngine), "The engine was disposed while the request was decoding."));
            s.Dispose();
        }

        _active.Clear();
        FailIncoming();
        _batch?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Decode step failed for {Count} request(s)")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, int count);

    private void FailIncoming()
    {
        while (_incoming.TryDequeue(out var s))
        {
            s.Fail(new ObjectDisposedException(nameof(VlmEngine), "The engine was disposed before the request could decode."));
            s.Dispose();
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            while (_incoming.TryDequeue(out var s))
            {
                _active.Add(s);
            }

            try
            {
                RemoveDone();
                if (_active.Count == 0)
                {
                    _wake.WaitOne();
                    continue;
                }

                ComposeBatch();
                StepBatch();
                foreach (var s in _active)
                {
                    if (!s.IsFinished && (_batch is null || s.Session is not PlainDecodeSession p || _batch.IndexOf(p) < 0))
                    {
                        StepAlone(s);
                    }
                }
            }
            catch (Exception e)
            {
                // Only batch bookkeeping can get here (each request's own step and token choice are guarded):
                // end every active request rather than leave callers waiting.
                LogStepFailed(_logger, e, _active.Count);
                foreach (var s in _active)
                {
                    if (s.Session is PlainDecodeSession p)
                    {
                        _batch?.Remove(p, copyBack: false);
                    }

                    s.Fail(e);
                }
            }
        }
    }

    /// <summary>Disposes finished and cancelled requests (their rows leave the batch first).</summary>
    private void RemoveDone()
    {
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var s = _active[i];
            if (!s.IsFinished && !s.IsCancelled)
            {
                continue;
            }

            if (s.Session is PlainDecodeSession p)
            {
                _batch?.Remove(p, copyBack: false);
            }

            _active.RemoveAt(i);
            s.Dispose();
        }
    }

    /// <summary>Batches the unstaged requests when two or more are active; a lone one goes back to its own cache.</summary>
    private void ComposeBatch()
    {
        if (_batch is null)
        {
            return;
        }

        var batchable = 0;
        foreach (var s in _active)
        {
            batchable += s.Session is PlainDecodeSession { CanBatch: true } ? 1 : 0;
        }

        if (batchable < 2)
        {
            if (_batch.Count == 1)
            {
                _batch.Remove(_batch.Session(0), copyBack: true);
            }

            return;
        }

        foreach (var s in _active)
        {
            if (s.Session is PlainDecodeSession { CanBatch: true } p && _batch.HasRoom && _batch.IndexOf(p) < 0)
            {
                _batch.Add(p);
            }
        }
    }

    private void StepBatch()
    {
        if (_batch is not { Count: > 0 })
        {
            return;
        }

        try
        {
            VlmTelemetry.DecodeBatchSize.Record(_batch.Count);
            _batch.Step();
        }
        catch (Exception e)
        {
            LogStepFailed(_logger, e, _batch.Count);
            foreach (var s in _active)
            {
                if (s.Session is PlainDecodeSession p && _batch.IndexOf(p) >= 0)
                {
                    s.Fail(e);
                    _batch.Remove(p, copyBack: false);
                }
            }

            return;
        }

        foreach (var s in _active)
        {
            if (s.Session is PlainDecodeSession p && _batch.IndexOf(p) is >= 0 and var row)
            {
                Advance(s, _batch.Logits(row));
            }
        }
    }

    private static void StepAlone(GenerationSequence s)
    {
        try
        {
            VlmTelemetry.DecodeBatchSize.Record(1);
            s.Session.Step();
        }
        catch (Exception e)
        {
            s.Fail(e);
            return;
        }

        Advance(s, s.Session.Logits);
    }

    private static void Advance(GenerationSequence s, Span<float> logits)
    {
        try
        {
            s.Advance(logits);
        }
        catch (Exception e)
        {
            s.Fail(e);
        }
    }
}
