namespace Agents.Evaluation;

/// <summary>One budget of a sweep below the full budget: a column of the papers' tables.</summary>
/// <param name="Label">The budget as asked, e.g. <c>"11.1%"</c> or <c>"64"</c>.</param>
/// <param name="Percent">The nominal share kept, in percent (11.1 for <c>"11.1%"</c>; kept / total for a count).</param>
/// <param name="Kept">The visual tokens kept per image, as the chat client resolves the budget.</param>
public sealed record SweepBudget(string Label, double Percent, int Kept);
