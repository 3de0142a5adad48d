using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Planning;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>One open flow: observe the page, execute actions on marked elements or scripted steps, check success.</summary>
public sealed class GuiFlowSession : IAsyncDisposable
{
    private const float ActionTimeoutMs = 15000;

    private readonly EvaluationBrowser.OpenedPage _opened;
    private readonly PageObserver _observer = new();
    private readonly ElementResolver _resolver = new();

    internal GuiFlowSession(GuiFlow flow, EvaluationBrowser.OpenedPage opened)
    {
        Flow = flow;
        _opened = opened;
    }

    /// <summary>Gets the flow.</summary>
    public GuiFlow Flow { get; }

    /// <summary>Gets the last action's failure (exception type and message), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Gets the page.</summary>
    public IPage Page => _opened.Page;

    /// <summary>Observes the page (screenshot and candidates), again after a navigation that lands under the observation.</summary>
    /// <param name="cancellationToken">Cancels the observation.</param>
    public Task<PageObservation> ObserveAsync(CancellationToken cancellationToken = default) =>
        _observer.ObserveSettledAsync(Page, ActionTimeoutMs, cancellationToken);

    /// <summary>Executes <paramref name="action"/> on the element of its mark in <paramref name="marks"/>.</summary>
    /// <param name="action">The action (done does nothing).</param>
    /// <param name="marks">The marks the action refers to.</param>
    /// <param name="cancellationToken">Cancels the action.</param>
    /// <returns>False when the action could not be executed (unknown mark, element gone, option missing, timeout).</returns>
    public async Task<bool> ExecuteAsync(GuiAction action, IReadOnlyList<GuiCandidate> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(marks);
        ILocator? locator = null;
        if (action.Kind is GuiActionKind.Click or GuiActionKind.TypeText or GuiActionKind.SelectOption)
        {
            if (action.Mark is not int m || m < 1 || m > marks.Count || marks[m - 1].Reference is not { } reference)
            {
                return false;
            }

            var resolved = await _resolver.ResolveAsync(Page, reference, cancellationToken).ConfigureAwait(false);
            if (resolved is null)
            {
                return false;
            }

            locator = resolved.Locator;
        }

        return await RunAsync(action, locator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Executes a scripted step on its element (by id), whatever the marks.</summary>
    /// <param name="step">The step.</param>
    /// <param name="cancellationToken">Cancels the action.</param>
    /// <returns>False when it could not be executed.</returns>
    public async Task<bool> ExecuteStepAsync(GuiFlowStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        var action = step.ToAction([]) ?? step.Tool switch
        {
            "click" => GuiAction.Click(1),
            "type_text" => GuiAction.TypeText(1, step.Text ?? string.Empty),
            _ => GuiAction.SelectOption(1, step.Text ?? string.Empty),
        };
        var locator = step.TargetCssPath is null ? null : Page.Locator(step.TargetCssPath);
        return await RunAsync(action, locator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the page's text now contains every expected string of the flow.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<bool> IsSuccessfulAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var text = await Page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = ActionTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
            return Flow.Expected.All(e => text.Contains(e, StringComparison.Ordinal));
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _opened.DisposeAsync();

    private async Task<bool> RunAsync(GuiAction action, ILocator? locator, CancellationToken cancellationToken)
    {
        try
        {
            switch (action.Kind)
            {
                case GuiActionKind.Click:
                    await locator!.ClickAsync(new LocatorClickOptions { Timeout = ActionTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case GuiActionKind.TypeText:
                    await locator!.FillAsync(action.Text ?? string.Empty, new LocatorFillOptions { Timeout = ActionTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case GuiActionKind.SelectOption:
                    await locator!.SelectOptionAsync(new SelectOptionValue { Label = action.Option ?? string.Empty }, new LocatorSelectOptionOptions { Timeout = ActionTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case GuiActionKind.PressKey:
                    await Page.Keyboard.PressAsync(action.Key ?? "Enter").WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case GuiActionKind.Scroll:
                    await Page.EvaluateAsync("d => window.scrollBy(0, d)", action.Direction == "up" ? -640 : 640).WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return true;
            }

            await Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = ActionTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(60, cancellationToken).ConfigureAwait(false);
            await Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = ActionTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            LastError = e.GetType().Name + ": " + e.Message;
            return false;
        }
    }
}
