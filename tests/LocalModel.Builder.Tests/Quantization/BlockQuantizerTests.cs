using System;
using LocalModel.Builder.Quantization;

namespace LocalModel.Builder.Tests.Quantization;

/// <summary>Round-to-nearest block quantization in MatMulNBits' layout, checked against hand-computed values.</summary>
public class BlockQuantizerTests
{
    [Fact]
    public void QuantizeRow_FourBitsKnownBlock_HandComputedLevelsPackedLowNibbleFirst()
    {
        // Arrange: range [-1, 2] over 15 levels: scale 0.2, zero round(1 / 0.2) = 5.
        var q = WeightQuantization.Create(4, 16, 1);
        var row = new float[16];
        row[0] = -1f;
        row[1] = 2f;
        row[2] = 0.45f;
        var packed = new byte[8];
        var scales = new float[1];
        var zeros = new byte[1];

        // Act
        var bad = BlockQuantizer.QuantizeRow(row, q, packed, scales, zeros);

        // Assert: levels 0, 15, round(2.25) + 5 = 7, and zeros at the zero point 5.
        Assert.Equal(-1, bad);
        Assert.Equal(0.2f, scales[0], 6);
        Assert.Equal(5, zeros[0]);
        Assert.Equal((byte)(0 | (15 << 4)), packed[0]);
        Assert.Equal((byte)(7 | (5 << 4)), packed[1]);
        Assert.Equal((byte)(5 | (5 << 4)), packed[7]);
        Assert.Equal(0f, BlockQuantizer.Dequantize(packed, scales, zeros, q, 5));
        Assert.Equal(0.4f, BlockQuantizer.Dequantize(packed, scales, zeros, q, 2), 5);
    }

    [Theory]
    [InlineData(4, 32)]
    [InlineData(4, 128)]
    [InlineData(8, 64)]
    public void QuantizeRow_RandomRowWithPartialBlock_ErrorWithinHalfAStep(int bits, int blockSize)
    {
        // Arrange: 200 inputs, so the last block is partial (zero-padded).
        var q = WeightQuantization.Create(bits, blockSize, 4);
        var random = new Random(3);
        var row = new float[200];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)((random.NextDouble() * 2) - 0.7);
        }

        var blocks = q.BlocksPerRow(row.Length);
        var packed = new byte[blocks * q.BlobBytes];
        var scales = new float[blocks];
        var zeros = new byte[blocks];

        // Act
        BlockQuantizer.QuantizeRow(row, q, packed, scales, zeros);

        // Assert
        for (var i = 0; i < row.Length; i++)
        {
            var error = MathF.Abs(BlockQuantizer.Dequantize(packed, scales, zeros, q, i) - row[i]);
            Assert.True(error <= (scales[i / blockSize] / 2) + 1e-6f, $"weight {i}: error {error}, scale {scales[i / blockSize]}");
        }
    }

    [Fact]
    public void QuantizeRow_AllZeroBlock_ReconstructsZeros()
    {
        var q = WeightQuantization.Create(4, 16, 4);
        var packed = new byte[8];
        var scales = new float[1];
        var zeros = new byte[1];

        BlockQuantizer.QuantizeRow(new float[16], q, packed, scales, zeros);

        Assert.Equal(1f, scales[0]);
        Assert.All(packed, b => Assert.Equal(0, b));
        Assert.Equal(0f, BlockQuantizer.Dequantize(packed, scales, zeros, q, 9));
    }

    [Fact]
    public void QuantizeRow_NaNWeight_ReturnsItsIndex()
    {
        var q = WeightQuantization.Create(8, 16, 4);
        var row = new float[40];
        row[33] = float.NaN;

        var bad = BlockQuantizer.QuantizeRow(row, q, new byte[48], new float[3], new byte[3]);

        Assert.Equal(33, bad);
    }

    [Fact]
    public void PackZeroPoints_FourBitsOddBlockCount_TwoPerByteLowFirstLastPadded()
    {
        var q = WeightQuantization.Create(4, 16, 4);
        var packed = new byte[q.ZeroPointBytesPerRow(48)];

        BlockQuantizer.PackZeroPoints(new byte[] { 3, 9, 12 }, q, packed);

        Assert.Equal(new byte[] { 3 | (9 << 4), 12 }, packed);
    }

    [Theory]
    [InlineData(3, 32, "bits")]
    [InlineData(4, 48, "block size 48")]
    [InlineData(4, 8, "block size 8")]
    [InlineData(8, 512, "block size 512")]
    public void Create_UnsupportedSettings_ThrowsNamingTheSetting(int bits, int blockSize, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => WeightQuantization.Create(bits, blockSize, 4));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
