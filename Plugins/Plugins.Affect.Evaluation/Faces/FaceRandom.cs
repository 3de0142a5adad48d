using System;
using System.Collections.Generic;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>SplitMix64: a generator whose sequence for a seed is fixed by this code, not by the runtime's <see cref="Random"/>.</summary>
internal sealed class FaceRandom
{
    private ulong _state;

    public FaceRandom(ulong seed) => _state = seed;

    /// <summary>A generator for item <paramref name="index"/> of the run seeded with <paramref name="seed"/> in a split (salt).</summary>
    public static FaceRandom For(int seed, int index, ulong salt) => new(Mix(((ulong)(uint)seed << 32) ^ (ulong)(uint)index ^ salt));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + ((max - min) * NextDouble());

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
