using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Plugins.Gui.Seeing;

/// <summary>
/// Checks what a click at a point would reach before it is made: <c>document.elementFromPoint</c> at the CSS point,
/// descending into same-origin iframes, compared with the expected candidate's element (found again by its
/// reference's frame path and CSS path). An overlay over the target is reported with what covers it, so that the
/// plugin refuses to click through it. Thread-safe: it holds no state.
/// </summary>
public sealed class HitTester
{
    /// <summary>Hit-tests <paramref name="point"/> on <paramref name="page"/>.</summary>
    /// <param name="page">The page.</param>
    /// <param name="point">A point in top-viewport CSS pixels.</param>
    /// <param name="expected">
    /// The candidate the action means to reach; when null, or when it has no <see cref="GuiCandidate.Reference"/>
    /// (an OCR word), only <see cref="HitTestResult.TopElement"/> is reported.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait for the page.</param>
    public async Task<HitTestResult> HitTestAsync(
        IPage page, CssPoint point, GuiCandidate? expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        cancellationToken.ThrowIfCancellationRequested();
        var reference = expected?.Reference;
        using var document = await PageScript.EvaluateAsync(
            page,
            new
            {
                mode = "hit",
                x = point.X,
                y = point.Y,
                hasExpected = reference is not null,
                framePath = reference?.FramePath.ToArray() ?? [],
                cssPath = reference?.CssPath ?? string.Empty,
            },
            cancellationToken).ConfigureAwait(false);
        var result = document.RootElement;

        var covering = result.GetProperty("covering");
        return new HitTestResult(
            result.GetProperty("hitsExpected").GetBoolean(),
            result.GetProperty("isCovered").GetBoolean(),
            result.GetProperty("top").GetString() ?? "(nothing)",
            covering.ValueKind == JsonValueKind.String ? covering.GetString() : null);
    }
}
