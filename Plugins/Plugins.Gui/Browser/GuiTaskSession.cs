using System;
using System.Threading;
using System.Threading.Tasks;

namespace Plugins.Gui.Browser;

/// <summary>
/// Gives a plugin its task: either one started lazily from a <see cref="GuiBrowser"/> on first use (and disposed with
/// the session), or an existing task the caller owns (<see cref="ForTask"/>). A session holds one task for its whole
/// life, so the step limit and the allowed origin cannot be reset by the page or the model. Thread-safe.
/// </summary>
public sealed class GuiTaskSession : IAsyncDisposable
{
    private readonly GuiBrowser? _browser;
    private readonly GuiTaskOptions? _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private GuiTask? _task;
    private bool _disposed;

    /// <summary>A session that starts its task from <paramref name="browser"/> on first use and disposes it.</summary>
    /// <param name="browser">The browser.</param>
    /// <param name="options">The task's options; null: defaults.</param>
    public GuiTaskSession(GuiBrowser browser, GuiTaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        _browser = browser;
        _options = options;
    }

    private GuiTaskSession(GuiTask task) => _task = task;

    /// <summary>The task, or null before it is started.</summary>
    public GuiTask? CurrentTask => _task;

    /// <summary>A session over an existing task; the caller keeps owning (and disposes) the task.</summary>
    /// <param name="task">The task.</param>
    public static GuiTaskSession ForTask(GuiTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new GuiTaskSession(task);
    }

    /// <summary>The session's task, started on the first call when the session was created from a browser.</summary>
    /// <param name="cancellationToken">Cancels waiting for and starting the task.</param>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task<GuiTask> GetTaskAsync(CancellationToken cancellationToken = default)
    {
        if (_task is { } existing)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return existing;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _task ??= await _browser!.StartTaskAsync(_options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Disposes the task when the session started it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_browser is not null && _task is not null)
            {
                await _task.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
