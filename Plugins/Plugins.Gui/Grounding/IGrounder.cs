using System.Threading;
using System.Threading.Tasks;

namespace Plugins.Gui.Grounding;

/// <summary>
/// Finds the point on a page that an instruction refers to ("the Sign in button", "the search box at the top").
/// Implementations: <c>dom</c>, <c>ocr</c>, <c>vision</c> and <c>hybrid</c>. A grounder that cannot find the target,
/// or whose model answered something unparseable, returns <see cref="GroundingResult.Miss"/>; it never guesses.
/// </summary>
public interface IGrounder
{
    /// <summary>Short lower-case name used on the command line and in logs: <c>dom</c>, <c>ocr</c>, <c>vision</c>, <c>hybrid</c>.</summary>
    string Name { get; }

    /// <summary>Grounds <see cref="GroundingRequest.Instruction"/> on <see cref="GroundingRequest.Page"/>.</summary>
    /// <param name="request">The instruction and the observation.</param>
    /// <param name="cancellationToken">Cancels the work (OCR, model calls).</param>
    Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default);
}
