namespace Agents.Bench.Chat;

/// <summary>What <see cref="ChatBenchmark"/> runs.</summary>
public sealed class ChatBenchmarkOptions
{
    private int _maxTokens = 48;
    private int _repeats = 9;
    private int _throughputRepeats = 3;

    /// <summary>Gets or sets the tokens generated per run, at least 4. Default 48.</summary>
    public int MaxTokens { get => _maxTokens; set => _maxTokens = OptionChecks.AtLeast(value, 4, nameof(MaxTokens)); }

    /// <summary>Gets or sets the timed interleaved rounds (one untimed round comes first), at least 1. Default 9.</summary>
    public int Repeats { get => _repeats; set => _repeats = OptionChecks.AtLeast(value, 1, nameof(Repeats)); }

    /// <summary>Gets or sets the timed rounds of the concurrent-caller runs (batched and unbatched interleaved, after one untimed round), at least 1. Default 3.</summary>
    public int ThroughputRepeats { get => _throughputRepeats; set => _throughputRepeats = OptionChecks.AtLeast(value, 1, nameof(ThroughputRepeats)); }
}
