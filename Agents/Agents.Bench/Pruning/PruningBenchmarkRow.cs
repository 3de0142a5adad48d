namespace Agents.Bench.Pruning;

/// <summary>One method at one budget, against the full-budget runs interleaved with it.</summary>
/// <param name="Method">The method (<c>none</c> for the full budget).</param>
/// <param name="Budget">The budget as given, or <c>-</c> for methods that fix their own.</param>
/// <param name="Point">The method's medians.</param>
/// <param name="PrefillRatio">Its median prefill over the interleaved full-budget median.</param>
/// <param name="Theoretical">FastV's theoretical prefill ratio (<see cref="PrefillCostModel"/>).</param>
/// <param name="Baseline">The interleaved full-budget medians.</param>
public sealed record PruningBenchmarkRow(string Method, string Budget, PruningPoint Point, double PrefillRatio, double Theoretical, PruningPoint Baseline)
{
    /// <summary>Gets the TTFT over the interleaved full-budget TTFT.</summary>
    public double TtftRatio => Point.TtftMs / Baseline.TtftMs;
}
