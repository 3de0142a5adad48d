using System;
using System.Collections.Generic;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// A string-keyed cache holding at most a fixed number of entries; when full, the oldest entry is evicted first.
/// Thread-safe (one lock).
/// </summary>
/// <typeparam name="TValue">The cached value.</typeparam>
internal sealed class BoundedCache<TValue>
    where TValue : class
{
    private readonly int _capacity;
    private readonly Dictionary<string, TValue> _entries;
    private readonly Queue<string> _order = new();
    private readonly object _lock = new();

    /// <summary>Creates a cache of at most <paramref name="capacity"/> entries (0 caches nothing).</summary>
    public BoundedCache(int capacity)
    {
        _capacity = capacity;
        _entries = new Dictionary<string, TValue>(Math.Min(capacity, 1024), StringComparer.Ordinal);
    }

    /// <summary>The number of entries held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Looks <paramref name="key"/> up.</summary>
    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out value!);
        }
    }

    /// <summary>Adds or replaces <paramref name="key"/>, evicting the oldest entries beyond the capacity.</summary>
    public void Set(string key, TValue value)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (!_entries.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _entries[key] = value;
            while (_entries.Count > _capacity && _order.Count > 0)
            {
                _entries.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>The cached value of <paramref name="key"/>, created by <paramref name="factory"/> when absent.</summary>
    public TValue GetOrAdd(string key, Func<string, TValue> factory)
    {
        if (TryGet(key, out var value))
        {
            return value;
        }

        value = factory(key);
        Set(key, value);
        return value;
    }
}
