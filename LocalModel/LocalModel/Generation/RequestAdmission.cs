using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace LocalModel.Generation;

/// <summary>
/// Admits requests into the engine: at most a fixed number run at once, a bounded number wait, and one more fails
/// at once with <see cref="RequestQueueFullException"/>. A slot is released when its handle is disposed.
/// Thread-safe.
/// </summary>
internal sealed class RequestAdmission : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private int _waiting;

    public RequestAdmission(int maxRunning, int maxQueued)
    {
        _slots = new SemaphoreSlim(maxRunning, maxRunning);
        _maxQueued = maxQueued;
    }

    /// <summary>Waits for a slot; the returned handle releases it once.</summary>
    /// <exception cref="RequestQueueFullException">The wait queue is full.</exception>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _maxQueued)
            {
                Interlocked.Decrement(ref _waiting);
                throw new RequestQueueFullException(string.Create(CultureInfo.InvariantCulture, $"The engine is busy: {_slots.CurrentCount} free slots and {_maxQueued} requests already waiting (VlmEngineOptions.MaxQueuedRequests). Retry later."));
            }

            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot : IDisposable
    {
        private SemaphoreSlim? _slots;

        public Slot(SemaphoreSlim slots) => _slots = slots;

        public void Dispose()
        {
            var slots = Interlocked.Exchange(ref _slots, null);
            try
            {
                slots?.Release();
            }
            catch (ObjectDisposedException)
            {
                // The engine was disposed while the request ran.
            }
        }
    }
}
