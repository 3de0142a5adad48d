using System;
using System.Collections.Frozen;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Plugins.Gui.Seeing;

/// <summary>
/// Finds an element again before an action, so that a candidate from an earlier observation stays usable after the
/// page re-rendered it: inside the reference's frame path, by ARIA role and exact accessible name (the
/// <see cref="ElementReference.Ordinal"/>-th visible match), else by the CSS path when the element there still has the
/// same role and name. Thread-safe: it holds no state.
/// </summary>
public sealed class ElementResolver
{
    // Roles the observer reports that are not ARIA roles Playwright can query by name.
    private static readonly FrozenSet<string> _notQueryableRoles =
        FrozenSet.ToFrozenSet(["text", "label", "generic"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Resolves <paramref name="reference"/> on <paramref name="page"/>.</summary>
    /// <param name="page">The page.</param>
    /// <param name="reference">The reference from an observation.</param>
    /// <param name="cancellationToken">Cancels the wait for the page.</param>
    /// <returns>The element's locator and current box, or null when the element is gone or no longer visible.</returns>
    public async Task<ResolvedElement?> ResolveAsync(
        IPage page, ElementReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(reference);
        var frame = FrameScopes.Enter(page, reference.FramePath);

        if (reference.Name.Length > 0
            && !_notQueryableRoles.Contains(reference.Role)
            && Enum.TryParse<AriaRole>(reference.Role, ignoreCase: true, out var ariaRole))
        {
            // Names the observer truncated at 200 characters can only match as a prefix, so not exactly.
            var roleOptions = new PageGetByRoleOptions { Name = reference.Name, Exact = reference.Name.Length < 200 };
            var byRole = frame is null
                ? page.GetByRole(ariaRole, roleOptions)
                : frame.GetByRole(ariaRole, new FrameLocatorGetByRoleOptions { Name = reference.Name, Exact = roleOptions.Exact });
            var count = await byRole.CountAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (count > reference.Ordinal)
            {
                var found = await VisibleBoxAsync(byRole.Nth(reference.Ordinal), cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return await ByCssPathAsync(page, frame, reference, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ResolvedElement?> ByCssPathAsync(
        IPage page, IFrameLocator? frame, ElementReference reference, CancellationToken cancellationToken)
    {
        if (reference.CssPath.Length == 0)
        {
            return null;
        }

        // A CSS path of nth-of-type steps may now name a sibling that moved into the old element's place: accept it
        // only when it still has the reference's role and name.
        using var document = await PageScript.EvaluateAsync(
            page,
            new { mode = "describe", framePath = reference.FramePath.ToArray(), cssPath = reference.CssPath },
            cancellationToken).ConfigureAwait(false);
        var described = document.RootElement;
        if (described.ValueKind != JsonValueKind.Object
            || !string.Equals(described.GetProperty("role").GetString(), reference.Role, StringComparison.Ordinal)
            || !string.Equals(described.GetProperty("name").GetString(), reference.Name, StringComparison.Ordinal))
        {
            return null;
        }

        var locator = FrameScopes.Locate(page, frame, reference.CssPath);
        var count = await locator.CountAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return count == 1 ? await VisibleBoxAsync(locator, cancellationToken).ConfigureAwait(false) : null;
    }

    private static async Task<ResolvedElement?> VisibleBoxAsync(ILocator locator, CancellationToken cancellationToken)
    {
        if (!await locator.IsVisibleAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // BoundingBoxAsync is relative to the main frame's viewport, also for elements inside iframes.
        var box = await locator.BoundingBoxAsync(new LocatorBoundingBoxOptions { Timeout = 2000 })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return box is null ? null : new ResolvedElement(locator, new CssRect(box.X, box.Y, box.Width, box.Height));
    }
}
