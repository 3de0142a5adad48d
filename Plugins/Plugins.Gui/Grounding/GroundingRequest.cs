using Microsoft.Extensions.AI;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding;

/// <summary>One grounding question.</summary>
/// <param name="Instruction">What to find, in natural language ("click the Sign in button").</param>
/// <param name="Page">The observation to find it in.</param>
public sealed record GroundingRequest(string Instruction, PageObservation Page)
{
    /// <summary>
    /// Options for model-backed grounders' chat calls (cloned, never mutated). Visual-token pruning options travel in
    /// <see cref="ChatOptions.AdditionalProperties"/>, e.g. <c>pruning</c> and <c>keep</c> for the local engine.
    /// </summary>
    public ChatOptions? ModelOptions { get; init; }
}
