using System.Diagnostics;

namespace LocalModel.Generation;

/// <summary>
/// Accumulates one request's timings and token counts from admission to the last token, and turns them into the
/// <see cref="GenerationUsage"/> and <see cref="GenerationTimings"/> of the closing update. Written by one thread at a
/// time (the prefill task, then the decode scheduler).
/// </summary>
internal sealed class GenerationStatistics
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private double _ttft;
    private double _onnxRuntimeBeforeDecode;

    /// <summary>Gets the time spent inside ONNX Runtime runs so far, in milliseconds.</summary>
    public double OnnxRuntimeMs { get; private set; }

    /// <summary>Gets the image decoding, encoding, selection and projection time.</summary>
    public double VisionMs { get; private set; }

    /// <summary>Gets the time spent in visual-token selectors.</summary>
    public double SelectionMs { get; private set; }

    /// <summary>Gets the decoder prefill time.</summary>
    public double PrefillMs { get; private set; }

    /// <summary>Gets the visual tokens the images produced.</summary>
    public int VisualTokensTotal { get; private set; }

    /// <summary>Gets the visual tokens that reached the decoder (after in-LLM pruning, those reaching the last layer).</summary>
    public int VisualTokensKept { get; private set; }

    /// <summary>Gets the prompt positions fed to the decoder's first layer.</summary>
    public int PromptLength { get; private set; }

    /// <summary>Gets the tokens generated so far.</summary>
    public int Generated { get; private set; }

    public void AddOnnxRuntime(double ms) => OnnxRuntimeMs += ms;

    public void AddSelection(double ms) => SelectionMs += ms;

    public void AddVisualTokens(int total, int kept)
    {
        VisualTokensTotal += total;
        VisualTokensKept += kept;
    }

    public void SetVision(double ms) => VisionMs = ms;

    public void SetPrompt(int length) => PromptLength = length;

    public void SetPrefill(double ms) => PrefillMs = ms;

    /// <summary>Replaces the kept count once in-LLM pruning has dropped tokens inside the decoder.</summary>
    public void SetVisualTokensKept(int kept) => VisualTokensKept = kept;

    /// <summary>Counts a generated token; the first one fixes the time to first token.</summary>
    public void CountToken()
    {
        if (Generated++ == 0)
        {
            _ttft = _wall.Elapsed.TotalMilliseconds;
            _onnxRuntimeBeforeDecode = OnnxRuntimeMs;
        }
    }

    /// <summary>Stops the clock and returns the request's usage and timings.</summary>
    public (GenerationUsage Usage, GenerationTimings Timings) Finish()
    {
        _wall.Stop();
        var wall = _wall.Elapsed.TotalMilliseconds;
        var decodeMs = wall - _ttft;
        var rate = Generated > 1 && decodeMs > 0 ? (Generated - 1) / (decodeMs / 1000.0) : 0;
        var usage = new GenerationUsage(PromptLength, VisualTokensTotal, VisualTokensKept, Generated);
        var timings = new GenerationTimings(_ttft, VisionMs, SelectionMs, PrefillMs, rate, OnnxRuntimeMs, wall, decodeMs, OnnxRuntimeMs - _onnxRuntimeBeforeDecode);
        return (usage, timings);
    }
}
