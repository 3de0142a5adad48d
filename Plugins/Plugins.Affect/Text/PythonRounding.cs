using System;
using System.Globalization;
using System.Numerics;

namespace Plugins.Affect.Text;

/// <summary>
/// Python's <c>round(x, n)</c> for floats: the exact binary value of <c>x</c> rounded to <c>n</c> decimals with ties
/// to even, then read back as the nearest double. <c>Math.Round(x, n)</c> differs near ties because it scales by
/// 10^n in floating point first (e.g. <c>round(0.0625, 3)</c> is 0.062; <c>round(2.675, 2)</c> is 2.67 because
/// 2.675 is stored as 2.67499999...).
/// </summary>
internal static class PythonRounding
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="digits"/> decimals as Python's <c>round</c> does.</summary>
    public static double Round(double value, int digits)
    {
        if (digits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "digits must be 0 or more.");
        }

        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            return value;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        BigInteger mantissa = exponentBits == 0 ? fraction : fraction | (1L << 52);
        var exponent = exponentBits == 0 ? -1074 : exponentBits - 1075;

        // |value| * 10^digits = mantissa * 10^digits * 2^exponent, exactly.
        var scaled = mantissa * BigInteger.Pow(10, digits);
        BigInteger rounded;
        if (exponent >= 0)
        {
            rounded = scaled << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            var quotient = BigInteger.DivRem(scaled, denominator, out var remainder);
            var half = (remainder << 1).CompareTo(denominator);
            if (half > 0 || (half == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }

            rounded = quotient;
        }

        var magnitude = double.Parse(rounded.ToString(CultureInfo.InvariantCulture) + "E-" + digits.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return bits < 0 ? -magnitude : magnitude;
    }
}
