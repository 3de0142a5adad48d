using System;

namespace Agents.Bench.Chat;

/// <summary>What <see cref="ChatBenchmark"/> runs.</summary>
public sealed class ChatBenchmarkOptions
{
    private int _maxTokens = 48;
    private int _repeats = 9;

    /// <summary>Gets or sets the tokens generated per run, at least 4. Default 48.</summary>
    public int MaxTokens
    {
        get => _maxTokens;
        set => _maxTokens = value >= 4 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxTokens must be at least 4.");
    }

    /// <summary>Gets or sets the timed interleaved rounds (one untimed round comes first), at least 1. Default 9.</summary>
    public int Repeats
    {
        get => _repeats;
        set => _repeats = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Repeats must be at least 1.");
    }
}
