namespace LocalModel.Pruning.InLlm;

/// <summary>One in-LLM pruning point: before decoder layer <paramref name="Layer"/>, keep this fraction of the visual tokens still present.</summary>
/// <param name="Layer">The decoder layer the kept tokens continue into; must be a stage boundary of the package.</param>
/// <param name="KeepFraction">The fraction of the remaining visual tokens kept, in [0, 1] (at least one token stays).</param>
public sealed record LlmPruningStep(int Layer, double KeepFraction);
