using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LocalModel.Telemetry;

/// <summary>
/// The runtime's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="Name"/>.
/// Instruments: <c>localmodel.ttft</c>, <c>localmodel.prefill.duration</c> (ms histograms),
/// <c>localmodel.decode.tokens_per_second</c> (histogram), <c>localmodel.tokens.generated</c>,
/// <c>localmodel.visual_tokens.total</c>, <c>localmodel.visual_tokens.kept</c> (counters),
/// <c>localmodel.decode.batch_size</c> (histogram: requests per decoder call of the decode loop; 1 for a request
/// decoding alone).
/// </summary>
public static class VlmTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "LocalModel";

    /// <summary>Gets the activity source (listen with OpenTelemetry's <c>AddSource("LocalModel")</c>); each request is one <c>generate</c> activity, tagged with its prompt, completion and kept visual token counts.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Gets the meter holding the runtime's instruments (listen with OpenTelemetry's <c>AddMeter("LocalModel")</c>).</summary>
    public static Meter Meter { get; } = new(Name);

    internal static Histogram<double> TimeToFirstToken { get; } = Meter.CreateHistogram<double>("localmodel.ttft", "ms", "Time to first token");

    internal static Histogram<double> PrefillDuration { get; } = Meter.CreateHistogram<double>("localmodel.prefill.duration", "ms", "Decoder prefill time");

    internal static Histogram<double> DecodeRate { get; } = Meter.CreateHistogram<double>("localmodel.decode.tokens_per_second", "{token}/s", "Decode throughput per request");

    internal static Counter<long> TokensGenerated { get; } = Meter.CreateCounter<long>("localmodel.tokens.generated", "{token}", "Generated tokens");

    internal static Histogram<int> DecodeBatchSize { get; } = Meter.CreateHistogram<int>("localmodel.decode.batch_size", "{request}", "Requests per decoder call in the decode loop");

    internal static Counter<long> VisualTokensTotal { get; } = Meter.CreateCounter<long>("localmodel.visual_tokens.total", "{token}", "Visual tokens before selection");

    internal static Counter<long> VisualTokensKept { get; } = Meter.CreateCounter<long>("localmodel.visual_tokens.kept", "{token}", "Visual tokens after selection");
}
