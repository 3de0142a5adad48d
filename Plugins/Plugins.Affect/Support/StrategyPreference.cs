namespace Plugins.Affect.Support;

/// <summary>A strategy's Bradley–Terry preference (Kang et al. 2024), normalised to a geometric mean of 1 over the strategies compared.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Preference">Its preference: above 1, the model picks it over the reference more than it picks others; below 1, less.</param>
public sealed record StrategyPreference(string Strategy, double Preference);
