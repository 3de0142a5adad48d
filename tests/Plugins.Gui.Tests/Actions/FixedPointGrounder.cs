using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Grounding;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Actions;

/// <summary>A pixels-only grounder stand-in: always answers the same point, with no element behind it (as OCR or a VLM would).</summary>
internal sealed class FixedPointGrounder(CssPoint point) : IGrounder
{
    public string Name => "test-point";

    public Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(GroundingResult.Hit(point, null, 0.9, "a fixed point"));
}
