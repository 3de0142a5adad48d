using Plugins.Affect.Text;

namespace Plugins.Affect.Tests.Text;

/// <summary>Python's round(x, n) on the exact binary value, ties to even (values checked against CPython by hand).</summary>
public class PythonRoundingTests
{
    [Theory]
    [InlineData(0.0625, 3, 0.062)] // an exact binary tie: to even
    [InlineData(0.0675, 3, 0.068)] // stored as 0.06750000000000000444: up
    [InlineData(2.675, 2, 2.67)] // stored as 2.67499999999999982236: down, where naive rounding goes up
    [InlineData(0.5, 0, 0.0)]
    [InlineData(1.5, 0, 2.0)]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(0.44043, 4, 0.4404)]
    [InlineData(-0.34125, 4, -0.3412)] // stored as -0.34124999999999999778: towards zero
    [InlineData(0.12345, 4, 0.1235)] // stored as 0.12345000000000000417
    [InlineData(1.0, 4, 1.0)]
    public void Round_Value_MatchesPython(double value, int digits, double expected)
    {
        // Act
        var rounded = PythonRounding.Round(value, digits);

        // Assert
        Assert.Equal(expected, rounded);
    }

    [Fact]
    public void Round_SmallNegative_KeepsNegativeZero()
    {
        // Act: Python's round(-0.00004, 4) is -0.0.
        var rounded = PythonRounding.Round(-0.00004, 4);

        // Assert
        Assert.True(rounded == 0 && double.IsNegative(rounded));
    }
}
