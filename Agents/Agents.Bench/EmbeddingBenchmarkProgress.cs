namespace Agents.Bench;

/// <summary>Reported after each pass of an embedding benchmark.</summary>
/// <param name="BatchSize">The batch size of the pass.</param>
/// <param name="Pass">1-based pass number for this batch size, warm-up passes included.</param>
/// <param name="Passes">Warm-up plus timed passes per batch size.</param>
/// <param name="Warmup">Whether the pass was a warm-up (untimed).</param>
public sealed record EmbeddingBenchmarkProgress(int BatchSize, int Pass, int Passes, bool Warmup);
