using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval;

/// <summary>
/// A bounded, thread-safe cache of one value per catalogue (keyed by <see cref="ToolCatalog.Fingerprint"/>), for
/// retrievers' indexes. Concurrent first requests for one catalogue share one computation; a failed or cancelled
/// computation is forgotten, so the next request retries. When more than <c>capacity</c> catalogues are cached the
/// oldest entries are dropped (first in, first out).
/// </summary>
/// <typeparam name="T">The cached value.</typeparam>
internal sealed class CatalogCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly int _capacity;

    public CatalogCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Gets the number of catalogues cached (or being computed).</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the value for <paramref name="catalog"/>, computing it once with <paramref name="factory"/> on the thread pool (never cancelled by one waiter).</summary>
    public async Task<T> GetOrCreateAsync(ToolCatalog catalog, Func<ToolCatalog, Task<T>> factory, CancellationToken cancellationToken)
    {
        var lazy = GetEntry(catalog, c => Task.Run(() => factory(c), CancellationToken.None));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(catalog.Fingerprint, lazy));
            throw;
        }
    }

    /// <summary>Returns the value for <paramref name="catalog"/>, computing it once, synchronously, with <paramref name="factory"/>.</summary>
    public T GetOrCreate(ToolCatalog catalog, Func<ToolCatalog, T> factory)
    {
        var lazy = GetEntry(catalog, c =>
        {
            try
            {
                return Task.FromResult(factory(c));
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        });
        if (lazy.Value.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(catalog.Fingerprint, lazy));
        }

        return lazy.Value.GetAwaiter().GetResult();
    }

    private Lazy<Task<T>> GetEntry(ToolCatalog catalog, Func<ToolCatalog, Task<T>> start)
    {
        var key = catalog.Fingerprint;
        var created = false;
        var lazy = _entries.GetOrAdd(key, _ =>
        {
            created = true;
            return new Lazy<Task<T>>(() => start(catalog), LazyThreadSafetyMode.ExecutionAndPublication);
        });
        if (created)
        {
            _order.Enqueue(key);
            Trim(key);
        }

        return lazy;
    }

    private void Trim(string keep)
    {
        while (_entries.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            if (!string.Equals(oldest, keep, StringComparison.Ordinal))
            {
                _entries.TryRemove(oldest, out _);
            }
            else
            {
                _order.Enqueue(oldest);
            }
        }
    }
}
