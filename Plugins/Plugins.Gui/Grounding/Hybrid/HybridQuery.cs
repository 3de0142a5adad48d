using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Hybrid;

/// <summary>
/// The question <see cref="HybridGrounder"/> sends its model: the messages and options exactly as sent, the marks drawn
/// and listed (renumbered 1..n, CSS boxes), the original candidates they stand for, and the image geometry.
/// </summary>
/// <param name="Messages">The messages: one user message with the prompt (mark list included) and the marked screenshot as <c>image/png</c>.</param>
/// <param name="Options">The chat options (a copy of the request's, with temperature and output length filled in).</param>
/// <param name="Image">The marked model image; <see cref="ScaledImage.ToCss(double, double)"/> maps its pixels to viewport CSS pixels.</param>
/// <param name="Marks">The marks as drawn and listed: mark <c>N</c> is <c>Marks[N - 1]</c>, with <see cref="GuiCandidate.Id"/> N and its CSS box.</param>
/// <param name="Originals">The candidates the marks stand for, in mark order (their original ids and element references).</param>
/// <param name="Candidates">All candidates (DOM, plus OCR when an engine is given); a point answer snaps to the smallest that contains it.</param>
/// <param name="Ranked">The matcher's ranking of <see cref="Candidates"/>, or null without a matcher.</param>
/// <param name="Coordinates">The model's coordinate frame over the marked image, for a point answer (<see cref="HybridGrounderOptions.Coordinates"/>).</param>
public sealed record HybridQuery(
    IReadOnlyList<ChatMessage> Messages,
    ChatOptions Options,
    ScaledImage Image,
    IReadOnlyList<GuiCandidate> Marks,
    IReadOnlyList<GuiCandidate> Originals,
    IReadOnlyList<GuiCandidate> Candidates,
    IReadOnlyList<CandidateScore>? Ranked,
    CoordinateFrame Coordinates);
