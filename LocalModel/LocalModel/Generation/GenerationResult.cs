using System.Collections.Generic;

namespace LocalModel.Generation;

/// <summary>A whole completion.</summary>
/// <param name="Text">The generated text (stop sequences and end-of-sequence excluded).</param>
/// <param name="TokenIds">The generated token ids (end-of-sequence excluded).</param>
/// <param name="FinishReason">Why generation ended.</param>
/// <param name="Usage">Token counts.</param>
/// <param name="Timings">Timings.</param>
/// <param name="ExecutionProvider">The execution provider that ran it.</param>
/// <param name="PrefillLogits">Logits of the last prompt position, when requested.</param>
public sealed record GenerationResult(string Text, IReadOnlyList<int> TokenIds, FinishReason FinishReason, GenerationUsage Usage, GenerationTimings Timings, string ExecutionProvider, float[]? PrefillLogits);
