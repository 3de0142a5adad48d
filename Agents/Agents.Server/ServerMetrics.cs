using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace Agents.Server;

/// <summary>
/// The endpoint's <see cref="Meter"/>, named <see cref="Name"/>: requests by status, their duration, those running
/// and waiting, and the prompt, completion and visual tokens served. <c>/metrics</c> exports it (with the runtime's
/// <c>LocalModel</c> meter) in Prometheus' text format.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Agents.Server";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _tokens;

    /// <summary>Initializes a new instance of the <see cref="ServerMetrics"/> class.</summary>
    /// <param name="meterFactory">The meter factory of the host.</param>
    public ServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _requests = meter.CreateCounter<long>("agents.server.requests", "{request}", "Chat-completion requests answered, by HTTP status and whether they streamed.");
        _duration = meter.CreateHistogram<double>("agents.server.request.duration", "s", "Time from a request's arrival to its last byte.");
        _active = meter.CreateUpDownCounter<long>("agents.server.requests.active", "{request}", "Chat-completion requests running now.");
        _tokens = meter.CreateCounter<long>("agents.server.tokens", "{token}", "Tokens served, by kind: prompt, completion, visual_total, visual_kept.");
    }

    /// <summary>Counts a request that started running.</summary>
    public void Started() => _active.Add(1);

    /// <summary>Counts a request that stopped running.</summary>
    public void Stopped() => _active.Add(-1);

    /// <summary>Records an answered request.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="stream">Whether it streamed.</param>
    /// <param name="elapsed">The time it took.</param>
    public void Answered(int status, bool stream, Stopwatch elapsed)
    {
        var tags = new TagList { { "http.response.status_code", status }, { "stream", stream } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.Elapsed.TotalSeconds, tags);
    }

    /// <summary>Records the tokens of an answer.</summary>
    /// <param name="usage">The answer's usage; null records nothing.</param>
    public void Served(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        Add("prompt", usage.InputTokenCount);
        Add("completion", usage.OutputTokenCount);
        if (usage.AdditionalCounts is { } counts)
        {
            Add("visual_total", Get(counts, "visual_tokens_total"));
            Add("visual_kept", Get(counts, "visual_tokens_kept"));
        }
    }

    private void Add(string kind, long? count)
    {
        if (count is > 0)
        {
            _tokens.Add(count.Value, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    private static long? Get(AdditionalPropertiesDictionary<long> counts, string key) => counts.TryGetValue(key, out var value) ? value : null;
}
