using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Plugins.Gui.Imaging;

namespace Plugins.Gui.Grounding.Describe;

/// <summary>The question <see cref="PointDescriber"/> sends its model: the messages and options exactly as sent, the image geometry and the grid point asked about.</summary>
/// <param name="Messages">One user message: the prompt and the screenshot (resized) as <c>image/png</c>.</param>
/// <param name="Options">The chat options (a copy of the caller's, with temperature and output length filled in).</param>
/// <param name="Image">The model image; maps its pixels to viewport CSS pixels.</param>
/// <param name="GridX">The point's x on the 0-999 grid.</param>
/// <param name="GridY">The point's y on the 0-999 grid.</param>
public sealed record PointDescriptionQuery(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, ScaledImage Image, int GridX, int GridY);
