using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Builder.Quantization;
using LocalModel.Builder.Tests.Robustness;
using LocalModel.Generation;
using LocalModel.Packaging;

namespace LocalModel.Builder.Tests.Quantization;

/// <summary>
/// int4/int8 packages: the MatMulNBits graphs compute what fp32 graphs over the dequantized weights compute (so ONNX
/// Runtime reads the packing as the builder writes it), the manifest records the quantization, and bad weights fail
/// the build naming the tensor.
/// </summary>
public class QuantizedPackageTests
{
    private static readonly Regex QuantizedLinear = new(@"^(language_model\.model\.layers\.\d+\.(self_attn|mlp)\.\w+_proj|multi_modal_projector\.linear_\d)\.weight$", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("int4", 4, 32)]
    [InlineData("int4", 4, 16)]
    [InlineData("int8", 8, 64)]
    public async Task Build_Quantized_MatchesFp32PackageOfDequantizedWeights(string dtype, int bits, int blockSize)
    {
        // Arrange: the reference checkpoint holds exactly the weights MatMulNBits reconstructs (fp32 compute).
        using var quantized = new TempDirectory();
        using var reference = TempDirectory.CopyOf(Fixtures.Dir("tiny-llava"));
        new LlavaPackageBuilder().Build(Fixtures.Dir("tiny-llava"), quantized.Path, new PackageBuildOptions { DType = dtype, QuantizationBlockSize = blockSize, QuantizationAccuracyLevel = 1, Overwrite = true });
        var file = SafetensorsTestFile.Read(reference.Combine("model.safetensors"));
        var q = WeightQuantization.Create(bits, blockSize, 1);
        var replaced = 0;
        foreach (var t in file.Tensors.Where(t => QuantizedLinear.IsMatch(t.Name)).ToList())
        {
            file.Tensors[file.Tensors.IndexOf(t)] = t with { Data = Dequantized(t, q) };
            replaced++;
        }

        Assert.Equal((2 * 7) + 2, replaced);
        file.Write(reference.Combine("model.safetensors"));
        using var referencePackage = new TempDirectory();
        new LlavaPackageBuilder().Build(reference.Path, referencePackage.Path, new PackageBuildOptions { Overwrite = true });

        // Act
        var fromQuantized = await RunAsync(quantized.Path);
        var fromReference = await RunAsync(referencePackage.Path);
        var fromFp32 = await RunAsync(Fixtures.Package("tiny-llava"));

        // Assert: equal to the dequantized reference, and not simply the fp32 model (the weights really changed).
        Assert.True(Fixtures.MaxAbsDiff(fromQuantized.PrefillLogits, fromReference.PrefillLogits) <= 1e-4f, $"max |diff| {Fixtures.MaxAbsDiff(fromQuantized.PrefillLogits, fromReference.PrefillLogits)}");
        Assert.Equal(fromReference.TokenIds, fromQuantized.TokenIds);
        Assert.True(Fixtures.MaxAbsDiff(fromQuantized.PrefillLogits, fromFp32.PrefillLogits) > 1e-4f);
    }

    [Fact]
    public void Build_Int4_ManifestRecordsQuantizationAndKeepsEmbeddingUnquantized()
    {
        using var output = new TempDirectory();

        var manifest = new LlavaPackageBuilder().Build(Fixtures.Dir("tiny-llava"), output.Path, new PackageBuildOptions { DType = "int4", QuantizationBlockSize = 64, UnquantizedDType = "fp16", Overwrite = true });

        var saved = ModelPackage.Load(output.Path).Manifest;
        Assert.Equal("int4", saved.DType);
        var q = Assert.IsType<QuantizationManifest>(saved.Quantization);
        Assert.Equal(("rtn-asymmetric-blockwise", "com.microsoft.MatMulNBits", 4, 64, 4), (q.Method, q.Op, q.Bits, q.BlockSize, q.AccuracyLevel));
        Assert.Equal(new[] { "projector", "decoder" }, q.Graphs);
        Assert.Equal("fp16", q.UnquantizedDType);
        Assert.Equal("fp16", saved.Text.EmbeddingTable!.DType);
        Assert.Null(ModelPackage.Load(Fixtures.Package("tiny-llava")).Manifest.Quantization);
        Assert.Equal(manifest.Quantization!.Bits, q.Bits);
    }

    [Fact]
    public void Build_Int4NonFiniteLinearWeight_ThrowsNamingTensorAndLeavesNothing()
    {
        // Arrange
        using var checkpoint = TempDirectory.CopyOf(Fixtures.Dir("tiny-llava"));
        var file = SafetensorsTestFile.Read(checkpoint.Combine("model.safetensors"));
        const string Name = "language_model.model.layers.1.mlp.up_proj.weight";
        var t = file.Get(Name);
        var data = t.Data.ToArray();
        MemoryMarshal.Cast<byte, float>(data.AsSpan())[70] = float.PositiveInfinity;
        file.Tensors[file.Tensors.IndexOf(t)] = t with { Data = data };
        file.Write(checkpoint.Combine("model.safetensors"));
        using var output = new TempDirectory();
        var target = output.Combine("pkg");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => new LlavaPackageBuilder().Build(checkpoint.Path, target, new PackageBuildOptions { DType = "int4" }));

        // Assert: element 70 of a 64-wide row is [1, 6].
        Assert.Contains(Name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 6]", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Theory]
    [InlineData("int3", "dtype 'int3'")]
    [InlineData("int4", "block size 24")]
    public void Build_UnsupportedQuantization_ThrowsNamingTheOption(string dtype, string expected)
    {
        using var output = new TempDirectory();

        var ex = Assert.Throws<ArgumentException>(() => new LlavaPackageBuilder().Build(Fixtures.Dir("tiny-llava"), output.Combine("pkg"), new PackageBuildOptions { DType = dtype, QuantizationBlockSize = 24 }));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Dequantized(SafetensorsTestFile.Tensor t, WeightQuantization q)
    {
        var values = MemoryMarshal.Cast<byte, float>(t.Data.AsSpan()).ToArray();
        var rows = (int)t.Shape[0];
        var cols = (int)t.Shape[1];
        var blocks = q.BlocksPerRow(cols);
        var packed = new byte[blocks * q.BlobBytes];
        var scales = new float[blocks];
        var zeros = new byte[blocks];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * cols, cols);
            Assert.Equal(-1, BlockQuantizer.QuantizeRow(row, q, packed, scales, zeros));
            for (var c = 0; c < cols; c++)
            {
                row[c] = BlockQuantizer.Dequantize(packed, scales, zeros, q, c);
            }
        }

        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    private static async Task<GenerationResult> RunAsync(string package)
    {
        using var engine = VlmEngine.Load(package);
        var golden = Fixtures.Golden("tiny-llava");
        var request = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("input_ids")), MaxTokens = 16, CapturePrefillLogits = true, IgnoreEndOfSequence = true };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));
        return await engine.GenerateAsync(request);
    }
}
