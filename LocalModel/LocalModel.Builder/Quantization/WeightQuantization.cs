using System;
using System.Globalization;

namespace LocalModel.Builder.Quantization;

/// <summary>
/// Block-wise weight-only quantization of linear layers, written as ONNX Runtime's <c>com.microsoft</c>
/// <c>MatMulNBits</c>: each run of <see cref="BlockSize"/> input features of one output feature shares a float scale
/// and an integer zero point (round-to-nearest, asymmetric), and the activations stay float32.
/// </summary>
/// <param name="Bits">Bits per weight: 4 or 8.</param>
/// <param name="BlockSize">Weights per scale: a power of two from 16 to 256.</param>
/// <param name="AccuracyLevel">
/// <c>MatMulNBits</c>' <c>accuracy_level</c>: the lowest precision the kernel may compute in (0 unset, 1 fp32, 2 fp16,
/// 3 bf16, 4 int8: on CPU the activations are quantized per block to int8 for integer dot products).
/// </param>
internal sealed record WeightQuantization(int Bits, int BlockSize, int AccuracyLevel)
{
    /// <summary>The manifest's name for the method.</summary>
    public const string MethodName = "rtn-asymmetric-blockwise";

    /// <summary>Gets the largest quantized value (15 for 4 bits).</summary>
    public int MaxLevel => (1 << Bits) - 1;

    /// <summary>Gets the bytes one block of one output feature packs into.</summary>
    public int BlobBytes => BlockSize * Bits / 8;

    /// <summary>Checks the settings and returns them; the messages name the build option to change.</summary>
    public static WeightQuantization Create(int bits, int blockSize, int accuracyLevel)
    {
        if (bits is not (4 or 8))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Quantization to {bits} bits is not supported; use int4 or int8."), nameof(bits));
        }

        if (blockSize < 16 || blockSize > 256 || (blockSize & (blockSize - 1)) != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Quantization block size {blockSize} is not supported; use a power of two from 16 to 256 (32, 64 or 128 are usual)."), nameof(blockSize));
        }

        if (accuracyLevel is < 0 or > 4)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MatMulNBits accuracy level {accuracyLevel} is outside 0..4."), nameof(accuracyLevel));
        }

        return new WeightQuantization(bits, blockSize, accuracyLevel);
    }

    /// <summary>Gets the number of blocks a row of <paramref name="inFeatures"/> weights takes (the last one zero-padded).</summary>
    public int BlocksPerRow(long inFeatures) => (int)((inFeatures + BlockSize - 1) / BlockSize);

    /// <summary>Gets the bytes of one row's packed zero points (4-bit points pack two to a byte, low nibble first).</summary>
    public int ZeroPointBytesPerRow(long inFeatures) => ((BlocksPerRow(inFeatures) * Bits) + 7) / 8;
}
