using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Grounding;

namespace Plugins.Gui.Tests.Actions;

/// <summary>
/// A hand-written grounder for the action tests: the first candidate whose accessible name equals the instruction
/// (case-insensitive), interactive ones first and labels last; else a miss. It counts its calls.
/// </summary>
internal sealed class NameGrounder : IGrounder
{
    private int _calls;

    public string Name => "test-name";

    public int Calls => _calls;

    public Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var match = request.Page.Candidates
            .OrderByDescending(c => c.IsInteractive)
            .ThenBy(c => c.Role == "label")
            .FirstOrDefault(c => string.Equals(c.Name.Trim(), request.Instruction.Trim(), StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(match is null
            ? GroundingResult.Miss($"no candidate is named \"{request.Instruction}\"")
            : GroundingResult.Hit(match.Box.Center, match, 1, $"the {match.Role} named \"{match.Name}\""));
    }
}
