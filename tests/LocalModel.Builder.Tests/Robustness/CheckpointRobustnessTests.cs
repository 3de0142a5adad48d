using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Agents.TestSupport;

namespace LocalModel.Builder.Tests.Robustness;

/// <summary>
/// Broken checkpoints given to the builder: an exception whose message names the tensor, field or file, and no
/// output folder (nor a staging folder beside it) left behind.
/// </summary>
public class CheckpointRobustnessTests
{
    private const string ProjectorWeight = "multi_modal_projector.linear_1.weight";

    [Fact]
    public void Build_TensorMissing_ThrowsNamingTensorAndLeavesNoOutput()
    {
        // Arrange
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        var file = SafetensorsTestFile.Read(Path.Combine(checkpoint, "model.safetensors"));
        Assert.Equal(1, file.Tensors.RemoveAll(t => t.Name == ProjectorWeight));
        file.Write(Path.Combine(checkpoint, "model.safetensors"));
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains(ProjectorWeight, ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Fact]
    public void Build_TensorShapeWrong_ThrowsNamingTensorAndShapes()
    {
        // Arrange: same bytes, transposed shape [64, 32] -> [32, 64].
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        var file = SafetensorsTestFile.Read(Path.Combine(checkpoint, "model.safetensors"));
        var tensor = file.Get(ProjectorWeight);
        file.Tensors[file.Tensors.IndexOf(tensor)] = tensor with { Shape = tensor.Shape.Reverse().ToArray() };
        file.Write(Path.Combine(checkpoint, "model.safetensors"));
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains(ProjectorWeight, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"[{tensor.Shape[1]},{tensor.Shape[0]}]", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Theory]
    [InlineData("F64")]
    [InlineData("I8")]
    [InlineData("")]
    public void Build_UnsupportedDTypeInHeader_ThrowsNamingTensorAndDType(string dtype)
    {
        // Arrange
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        var file = SafetensorsTestFile.Read(Path.Combine(checkpoint, "model.safetensors"));
        var tensor = file.Get(ProjectorWeight);
        file.Tensors[file.Tensors.IndexOf(tensor)] = tensor with { DType = dtype };
        file.Write(Path.Combine(checkpoint, "model.safetensors"));
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains(ProjectorWeight, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{dtype}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(100)]
    [InlineData(-1000)]
    [InlineData(-1)]
    public void Build_SafetensorsTruncated_ThrowsNamingFileAndLeavesNoOutput(int keep)
    {
        // Arrange: keep > 0 keeps that many bytes; keep < 0 drops that many from the end (truncated tensor data).
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        var path = Path.Combine(checkpoint, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keep > 0 ? keep : bytes.Length + keep)]);
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Fact]
    public void Build_SafetensorsHeaderNotJson_ThrowsNamingFile()
    {
        // Arrange: overwrite the first header bytes after the length prefix.
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        var path = Path.Combine(checkpoint, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        "#garbage#"u8.CopyTo(bytes.AsSpan(8));
        File.WriteAllBytes(path, bytes);
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("header", ex.Message, StringComparison.OrdinalIgnoreCase);
        AssertNothingWritten(output);
    }

    [Fact]
    public void Build_TextModelTypeMistral_ThrowsNamingField()
    {
        // Arrange
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        EditConfig(checkpoint, c => c["text_config"]!["model_type"] = "mistral");
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains("text_config.model_type", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mistral", ex.Message, StringComparison.Ordinal);
        Assert.Contains("config.json", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Theory]
    [InlineData("text_config", "num_hidden_layers", "\"two\"", "text_config.num_hidden_layers")]
    [InlineData("text_config", "num_hidden_layers", "0", "text_config.num_hidden_layers")]
    [InlineData("vision_config", "model_type", "\"siglip_vision_model\"", "vision_config.model_type")]
    [InlineData(null, "vision_feature_layer", "[-2, -5]", "vision_feature_layer")]
    [InlineData(null, "text_config", "null", "text_config")]
    public void Build_ConfigFieldInvalid_ThrowsNamingField(string? section, string field, string json, string expected)
    {
        // Arrange
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        EditConfig(checkpoint, c => (section is null ? c : c[section]!)[field] = JsonNode.Parse(json));
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Fact]
    public void Build_ConfigNotJson_ThrowsNamingFile()
    {
        // Arrange
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        File.WriteAllText(Path.Combine(checkpoint, "config.json"), "{ \"model_type\": ");
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains("config.json", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    [Fact]
    public void Build_WeightsFileMissing_ThrowsFileNotFoundNamingFile()
    {
        // Arrange
        using var work = new TempDirectory();
        var checkpoint = CopyCheckpoint(work);
        File.Delete(Path.Combine(checkpoint, "model.safetensors"));
        var output = work.Combine("package");

        // Act
        var ex = Assert.Throws<FileNotFoundException>(() => Build(checkpoint, output));

        // Assert
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(output);
    }

    private static void Build(string checkpoint, string output) =>
        new LlavaPackageBuilder().Build(checkpoint, output, new PackageBuildOptions { ClsAttentionLayers = { 0, 1 } });

    private static string CopyCheckpoint(TempDirectory work)
    {
        var source = Fixtures.Dir("tiny-llava");
        var target = work.Combine("checkpoint");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source).Where(f => Path.GetFileName(f) != "golden.json"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static void EditConfig(string checkpoint, Action<JsonNode> edit)
    {
        var path = Path.Combine(checkpoint, "config.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    private static void AssertNothingWritten(string output)
    {
        Assert.False(Directory.Exists(output), $"'{output}' exists after a failed build.");
        var parent = Path.GetDirectoryName(output)!;
        var leftovers = Directory.EnumerateFileSystemEntries(parent, Path.GetFileName(output) + "*").ToList();
        Assert.True(leftovers.Count == 0, $"A failed build left: {string.Join(", ", leftovers)}");
    }
}
