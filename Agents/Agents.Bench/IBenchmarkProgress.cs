namespace Agents.Bench;

/// <summary>Where a benchmark reports its progress: one step per phase, counted in runs (or points).</summary>
public interface IBenchmarkProgress
{
    /// <summary>Starts a step of <paramref name="total"/> units.</summary>
    /// <param name="label">What the step measures, e.g. <c>image prompt</c>.</param>
    /// <param name="total">How many units (runs, points) the step has.</param>
    IBenchmarkStep Start(string label, int total);
}
