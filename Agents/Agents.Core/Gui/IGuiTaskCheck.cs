using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Agents.Core.Gui;

/// <summary>
/// Decides whether a GUI task is really done, from the page itself (for example: the confirmation page lists the
/// submitted values). <see cref="GuiAgent"/> asks it when the model calls done or the run ends, so success never
/// rests on the model's word alone.
/// </summary>
public interface IGuiTaskCheck
{
    /// <summary>Checks the page.</summary>
    /// <param name="page">The task's page, as the agent left it.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Whether the task is done, and what was seen (shown in the trace and the report).</returns>
    Task<(bool Done, string Evidence)> CheckAsync(IPage page, CancellationToken cancellationToken);
}
