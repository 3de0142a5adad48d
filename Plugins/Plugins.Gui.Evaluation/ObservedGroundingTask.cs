using Plugins.Gui.Seeing;

namespace Plugins.Gui.Evaluation;

/// <summary>A page task observed once in Chromium (<see cref="GroundingEvaluator.ObservePageTasksAsync"/>): what grounding and scoring need.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Instruction">The instruction to ground.</param>
/// <param name="Split">The split (<c>text</c> or <c>icon</c>).</param>
/// <param name="Source">The page it came from.</param>
/// <param name="Target">The target element's box in CSS pixels; a point inside it is right.</param>
/// <param name="Observation">The page observation (screenshot and candidates).</param>
public sealed record ObservedGroundingTask(string Id, string Instruction, string Split, string Source, CssRect Target, PageObservation Observation);
