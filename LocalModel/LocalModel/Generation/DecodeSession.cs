using System;

namespace LocalModel.Generation;

/// <summary>
/// A request's decoder state after prefill: the next-token logits, and a step that feeds the accepted token and
/// leaves the following logits. One implementation per decoder kind (<see cref="PlainDecodeSession"/>,
/// <see cref="StagedDecodeSession"/>). Used by one thread at a time.
/// </summary>
internal abstract class DecodeSession : IDisposable
{
    protected DecodeSession(int capacity, GenerationStatistics statistics)
    {
        Capacity = capacity;
        Statistics = statistics;
    }

    /// <summary>Gets the most positions the request may reach (prompt plus new tokens, within the context).</summary>
    public int Capacity { get; }

    /// <summary>Gets the positions processed so far (prompt plus generated tokens already fed).</summary>
    public int Length { get; protected set; }

    /// <summary>Gets the request's statistics, which the session adds its ONNX Runtime time to.</summary>
    public GenerationStatistics Statistics { get; }

    /// <summary>Gets the logits of the last prompt position, when the request asked for them.</summary>
    public float[]? PrefillLogits { get; protected set; }

    /// <summary>Gets the next-token logits.</summary>
    public abstract Span<float> Logits { get; }

    /// <summary>Gets the token chosen last, which the next step feeds.</summary>
    public int LastToken { get; private set; } = -1;

    /// <summary>Records the token chosen from the current logits; it is fed by the next <see cref="Step"/>.</summary>
    public void Accept(int token) => LastToken = token;

    /// <summary>Feeds <see cref="LastToken"/> and leaves its next-token logits in <see cref="Logits"/>.</summary>
    public abstract void Step();

    public abstract void Dispose();
}
