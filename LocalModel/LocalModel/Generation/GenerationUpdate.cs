namespace LocalModel.Generation;

/// <summary>
/// One streamed step: a generated token and the text it completes. The last update of a stream carries
/// <see cref="FinishReason"/>, <see cref="Usage"/> and <see cref="Timings"/> (and has <see cref="TokenId"/> -1
/// when it carries no token).
/// </summary>
public sealed class GenerationUpdate
{
    /// <summary>Gets the generated token id, or -1 for the closing update.</summary>
    public int TokenId { get; init; } = -1;

    /// <summary>Gets the text this step made final (may be empty while a character or stop-sequence prefix is held back).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets why generation ended, on the last update only.</summary>
    public FinishReason? FinishReason { get; init; }

    /// <summary>Gets the token counts, on the last update only.</summary>
    public GenerationUsage? Usage { get; init; }

    /// <summary>Gets the timings, on the last update only.</summary>
    public GenerationTimings? Timings { get; init; }

    /// <summary>
    /// Gets ln p(token | prefix) of <see cref="TokenId"/> under the model's raw distribution, when the request set
    /// <see cref="GenerationRequest.ReportLogProbabilities"/> and this update carries a token (also an end-of-sequence
    /// token, which the closing update reports with <see cref="TokenId"/> -1); else null.
    /// </summary>
    public double? LogProbability { get; init; }

    /// <summary>Gets the logits of the last prompt position, on the last update, when the request asked for them.</summary>
    public float[]? PrefillLogits { get; init; }
}
