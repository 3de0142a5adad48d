namespace Plugins.Affect.Support;

/// <summary>How often one strategy was chosen.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Count">The number of times it was chosen.</param>
/// <param name="Proportion">Its share of all choices, 0..1 (0 when nothing was recorded).</param>
public sealed record StrategyCount(string Strategy, int Count, double Proportion);
