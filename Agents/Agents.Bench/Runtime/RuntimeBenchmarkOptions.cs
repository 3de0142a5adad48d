using LocalModel.Generation;

namespace Agents.Bench.Runtime;

/// <summary>What <see cref="RuntimeBenchmark"/> runs.</summary>
public sealed class RuntimeBenchmarkOptions
{
    private int _maxTokens = 64;
    private int _repeats = 15;
    private int _warmup = 3;
    private int _threads = 1;

    /// <summary>Gets or sets the new tokens per run (end-of-sequence ignored), at least 2. Default 64.</summary>
    public int MaxTokens { get => _maxTokens; set => _maxTokens = OptionChecks.AtLeast(value, 2, nameof(MaxTokens)); }

    /// <summary>Gets or sets the timed runs per workload, at least 1. Default 15.</summary>
    public int Repeats { get => _repeats; set => _repeats = OptionChecks.AtLeast(value, 1, nameof(Repeats)); }

    /// <summary>Gets or sets the untimed warm-up runs per workload, at least 0. Default 3.</summary>
    public int Warmup { get => _warmup; set => _warmup = OptionChecks.AtLeast(value, 0, nameof(Warmup)); }

    /// <summary>Gets or sets the intra-op threads the engine was loaded with (reported, and given to the GenAI peer), at least 1. Default 1.</summary>
    public int Threads { get => _threads; set => _threads = OptionChecks.AtLeast(value, 1, nameof(Threads)); }

    /// <summary>Gets or sets the image of the image+text workload. Default null: <see cref="BenchImages.For"/> (the model's image size, or the largest image a dynamic-resolution model keeps whole).</summary>
    public ImageInput? Image { get; set; }

    /// <summary>
    /// Gets or sets whether the text-only workload is also run on ONNX Runtime GenAI (<see cref="GenAiPeer"/>) for a
    /// speed ratio; skipped with a reason when the package has no <c>genai/</c> decoder or is not a LLaVA package
    /// (<see cref="GenAiPeer.UnsupportedReason"/>). Default false.
    /// </summary>
    public bool CompareWithGenAi { get; set; }

    /// <summary>Gets or sets the GenAI peer's <c>agents-bench-genai.dll</c>. Default null: <see cref="GenAiPeer.Find"/>.</summary>
    public string? PeerAssembly { get; set; }
}
