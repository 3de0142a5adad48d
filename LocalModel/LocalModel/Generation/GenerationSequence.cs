using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using LocalModel.Telemetry;
using LocalModel.Tokenization;
using Microsoft.Extensions.Logging;

namespace LocalModel.Generation;

/// <summary>
/// One request from its first token to its last: picks each token from the decoder's logits through the request's
/// <see cref="LogitsPipeline"/>, turns it into text (UTF-8-safe streaming decoder, held-back stop-sequence prefixes),
/// decides when generation ends, and writes each <see cref="GenerationUpdate"/> to a channel the caller reads.
/// <see cref="Advance"/> runs on one thread at a time (the prefill task for the first token, then the decode
/// scheduler); <see cref="Cancel"/> may be called from any thread. Disposing frees the decoder state and the
/// request's engine slot.
/// </summary>
internal sealed partial class GenerationSequence : IDisposable
{
    private readonly GenerationRequest _request;
    private readonly LogitsPipeline _pipeline;
    private readonly IReadOnlySet<int> _eos;
    private readonly IStreamingTokenDecoder _decoder;
    private readonly StopSequenceMatcher _stops;
    private readonly Channel<GenerationUpdate> _updates = Channel.CreateUnbounded<GenerationUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly IDisposable _slot;
    private readonly Activity? _activity;
    private readonly ILogger _logger;
    private readonly bool _reportLogProbabilities;
    private float[]? _rawLogits;
    private int _cancelled;
    private int _disposed;

    public GenerationSequence(GenerationRequest request, DecodeSession session, LogitsPipeline pipeline, IReadOnlySet<int> eos, ITextTokenizer tokenizer, IDisposable slot, Activity? activity, ILogger logger)
    {
        _request = request;
        Session = session;
        _pipeline = pipeline;
        _eos = eos;
        _decoder = tokenizer.CreateStreamingDecoder();
        _stops = new StopSequenceMatcher(request.StopSequences);
        _slot = slot;
        _activity = activity;
        _logger = logger;
        _reportLogProbabilities = request.ReportLogProbabilities;
    }

    /// <summary>Gets the request's decoder state.</summary>
    public DecodeSession Session { get; }

    /// <summary>Gets the updates, completed after the last one (or with the error that ended the request).</summary>
    public ChannelReader<GenerationUpdate> Updates => _updates.Reader;

    /// <summary>Gets whether the last update has been written.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Gets whether the caller cancelled or stopped reading.</summary>
    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    /// <summary>Tokens left in the budget, including the one about to be chosen.</summary>
    private int Remaining => Math.Max(1, Math.Min(_request.MaxTokens - Session.Statistics.Generated, Session.Capacity - Session.Length));

    /// <summary>Chooses the next token from <paramref name="logits"/> and writes its update; returns whether the request is finished.</summary>
    /// <exception cref="InvalidOperationException">The constraint allowed no token.</exception>
    public bool Advance(Span<float> logits)
    {
        var stats = Session.Statistics;
        if (_reportLogProbabilities)
        {
            // The pipeline edits the logits in place; keep the raw ones (one buffer per request).
            _rawLogits ??= new float[logits.Length];
            logits.CopyTo(_rawLogits);
        }

        var token = _pipeline.Next(logits, Remaining);
        double? logProbability = _rawLogits is null ? null : LogSoftmaxAt(_rawLogits.AsSpan(0, logits.Length), token);
        stats.CountToken();
        Session.Accept(token);
        FinishReason? finish;
        string text;
        var isEos = _eos.Contains(token);
        if (isEos)
        {
            finish = FinishReason.EndOfSequence;
            text = _stops.Append(_decoder.Flush() ?? string.Empty, out _) + _stops.Flush();
        }
        else
        {
            text = _stops.Append(_decoder.Append(token) ?? string.Empty, out var stopped);
            finish = stopped ? FinishReason.StopSequence
                : _request.Constraint is { IsComplete: true } ? FinishReason.EndOfSequence
                : stats.Generated >= _request.MaxTokens ? FinishReason.Length
                : Session.Length >= Session.Capacity ? FinishReason.ContextLength
                : null;
            if (finish is FinishReason.Length or FinishReason.ContextLength or FinishReason.EndOfSequence)
            {
                text += _stops.Append(_decoder.Flush() ?? string.Empty, out _) + _stops.Flush();
            }
        }

        if (finish is null)
        {
            _updates.Writer.TryWrite(new GenerationUpdate { TokenId = token, Text = text, LogProbability = logProbability });
            return false;
        }

        Complete(isEos ? -1 : token, text, finish.Value, logProbability);
        return true;
    }

    /// <summary>Marks the request cancelled; the scheduler drops it before its next step.</summary>
    public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);

    /// <summary>Ends the request with <paramref name="error"/>, which the caller's read throws.</summary>
    public void Fail(Exception error)
    {
        IsFinished = true;
        _slot.Dispose();
        _updates.Writer.TryComplete(error);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _updates.Writer.TryComplete(IsFinished ? null : new OperationCanceledException("The request was cancelled."));
        Session.Dispose();
        _slot.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Generated {Tokens} tokens ({Reason}); TTFT {Ttft:F1} ms, {Rate:F1} tokens/s")]
    private static partial void LogFinished(ILogger logger, int tokens, FinishReason reason, double ttft, double rate);

    /// <summary>ln softmax(<paramref name="logits"/>)[<paramref name="token"/>], computed stably (max subtracted).</summary>
    private static double LogSoftmaxAt(ReadOnlySpan<float> logits, int token)
    {
        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        foreach (var v in logits)
        {
            sum += Math.Exp(v - max);
        }

        return logits[token] - max - Math.Log(sum);
    }

    private void Complete(int token, string text, FinishReason finish, double? logProbability)
    {
        var stats = Session.Statistics;
        var (usage, timings) = stats.Finish();
        VlmTelemetry.TimeToFirstToken.Record(timings.TimeToFirstTokenMs);
        VlmTelemetry.PrefillDuration.Record(timings.PrefillMs);
        VlmTelemetry.DecodeRate.Record(timings.DecodeTokensPerSecond);
        VlmTelemetry.TokensGenerated.Add(usage.CompletionTokens);
        _activity?.SetTag("localmodel.prompt_tokens", usage.PromptTokens);
        _activity?.SetTag("localmodel.completion_tokens", usage.CompletionTokens);
        _activity?.SetTag("localmodel.visual_tokens.kept", usage.VisualTokensKept);
        LogFinished(_logger, usage.CompletionTokens, finish, timings.TimeToFirstTokenMs, timings.DecodeTokensPerSecond);
        IsFinished = true;

        // Free the request's engine slot before its caller can see the last update: a caller that has its result and
        // sends the next request at once must find the slot free (the scheduler disposes the session just after).
        _slot.Dispose();
        _updates.Writer.TryWrite(new GenerationUpdate
        {
            TokenId = token,
            Text = text,
            FinishReason = finish,
            Usage = usage,
            Timings = timings,
            PrefillLogits = Session.PrefillLogits,
            LogProbability = logProbability,
        });
        _updates.Writer.TryComplete();
    }
}
