namespace Agents.Bench;

/// <summary>One step of a benchmark's progress.</summary>
public interface IBenchmarkStep
{
    /// <summary>Counts one unit done.</summary>
    void Advance();

    /// <summary>Marks the step finished.</summary>
    void Complete();
}
