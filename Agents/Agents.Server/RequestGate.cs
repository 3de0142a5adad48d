using System;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Server;

/// <summary>
/// Admits at most a fixed number of requests at once and lets a bounded number wait; a request beyond both is
/// refused at once (the endpoint answers 429) instead of piling up. Thread-safe.
/// </summary>
internal sealed class RequestGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private int _waiting;

    /// <summary>Initializes a new instance of the <see cref="RequestGate"/> class.</summary>
    /// <param name="maxConcurrent">Requests that run at once.</param>
    /// <param name="maxQueued">Requests that may wait for a slot.</param>
    public RequestGate(int maxConcurrent, int maxQueued)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueued);
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxQueued = maxQueued;
    }

    /// <summary>Gets the requests waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a slot; null when the queue is full (the caller refuses the request).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The slot, released when disposed; null when refused.</returns>
    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return new Slot(_slots);
        }

        if (Interlocked.Increment(ref _waiting) > _maxQueued)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Slot(_slots);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
