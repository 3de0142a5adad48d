using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>One candidate's score against an instruction, from <see cref="CandidateMatcher"/>.</summary>
/// <param name="Candidate">The candidate.</param>
/// <param name="Score">Combined score, higher is better; about 1 for a clear match, under 0.4 for a poor one.</param>
/// <param name="Reason">What matched, in a phrase a person can read ("name 'Log in' ~ 'sign in' (synonym), role button").</param>
public sealed record CandidateScore(GuiCandidate Candidate, double Score, string Reason);
