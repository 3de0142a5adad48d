using LocalModel.Pruning.InLlm;

namespace Agents.Bench.Pruning;

/// <summary>Medians over the timed runs of one method at one budget.</summary>
/// <param name="PrefillMs">Median prefill time.</param>
/// <param name="TtftMs">Median time to first token.</param>
/// <param name="SelectorMs">Median time in the visual-token selector.</param>
/// <param name="Kept">Visual tokens kept.</param>
/// <param name="Total">Visual tokens before pruning.</param>
/// <param name="PromptTokens">Prompt tokens (before pruning).</param>
/// <param name="WorkingSetMb">The process's working set after the runs.</param>
/// <param name="Plan">The in-LLM pruning plan, or null for in-image methods.</param>
public sealed record PruningPoint(double PrefillMs, double TtftMs, double SelectorMs, int Kept, int Total, int PromptTokens, double WorkingSetMb, LlmPruningPlan? Plan);
