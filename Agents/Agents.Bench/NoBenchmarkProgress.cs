namespace Agents.Bench;

/// <summary>Progress that goes nowhere, for callers that show none.</summary>
public sealed class NoBenchmarkProgress : IBenchmarkProgress, IBenchmarkStep
{
    /// <summary>Gets the instance.</summary>
    public static NoBenchmarkProgress Instance { get; } = new();

    /// <inheritdoc/>
    public IBenchmarkStep Start(string label, int total) => this;

    /// <inheritdoc/>
    public void Advance()
    {
    }

    /// <inheritdoc/>
    public void Complete()
    {
    }
}
