using System;
using System.Linq;

namespace LocalModel.Builder;

/// <summary>Seeded tensor values for the synthetic checkpoints: normal draws (Box-Muller), ones and zeros, made when written.</summary>
internal static class SyntheticWeights
{
    /// <summary>Returns a producer of <paramref name="count"/> draws from N(0, <paramref name="std"/>²), taken from <paramref name="random"/> when called.</summary>
    public static Func<float[]> Normal(Random random, long count, float std) => () =>
    {
        var values = new float[count];
        for (long i = 0; i < count; i += 2)
        {
            // Box-Muller: two standard normal draws per pair of uniforms.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1)) * std;
            values[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < count)
            {
                values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
            }
        }

        return values;
    };

    /// <summary>Returns a producer of <paramref name="count"/> ones.</summary>
    public static Func<float[]> Ones(long count) => () => Enumerable.Repeat(1f, (int)count).ToArray();

    /// <summary>Returns a producer of <paramref name="count"/> zeros.</summary>
    public static Func<float[]> Zeros(long count) => () => new float[count];
}
