using System;
using System.IO;
using System.Text.Json.Nodes;
using LocalModel.Generation;
using LocalModel.Packaging;
using Agents.TestSupport;

namespace LocalModel.Tests.Robustness;

/// <summary>Broken packages: a <see cref="ModelPackageException"/> naming the file and field, never a crash inside ONNX Runtime.</summary>
public class PackageRobustnessTests
{
    [Fact]
    public void Load_DecoderGraphDeleted_ThrowsNamingFileAndField()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        File.Delete(copy.Combine("decoder.onnx"));

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains("decoder.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("graphs.decoder.file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineLoad_DecoderGraphDeleted_ThrowsModelPackageException()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        File.Delete(copy.Combine("decoder.onnx"));

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => VlmEngine.Load(copy.Path));

        // Assert
        Assert.Contains("decoder.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineLoad_DecoderGraphNotOnnx_ThrowsModelPackageExceptionNamingFile()
    {
        // Arrange: the file exists but holds text, so only ONNX Runtime can tell.
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        File.WriteAllText(copy.Combine("decoder.onnx"), "not a protobuf");

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => VlmEngine.Load(copy.Path));

        // Assert
        Assert.Contains("decoder.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineLoad_ManifestNumLayersDisagreesWithDecoder_ThrowsNamingBothNumbers()
    {
        // Arrange: the manifest says 3 layers, the decoder graph has 2 past/present pairs.
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["text"]!["num_layers"] = 3);

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => VlmEngine.Load(copy.Path));

        // Assert
        Assert.Contains("text.num_layers", ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"\b3\b", ex.Message);
        Assert.Matches(@"\b2\b", ex.Message);
        Assert.Contains("decoder.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineLoad_ManifestVisionLayersDisagreeWithGraph_ThrowsNamingField()
    {
        // Arrange: the fixture's vision graph runs its layers up to the feature layer; claim one more.
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        var layers = 0;
        EditManifest(copy, m =>
        {
            layers = m["vision"]!["num_layers"]!.GetValue<int>();
            m["vision"]!["num_layers"] = layers + 1;
        });

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => VlmEngine.Load(copy.Path));

        // Assert
        Assert.Contains("vision.num_layers", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"runs {layers} layers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineLoad_ManifestVocabDisagreesWithDecoder_ThrowsNamingBothNumbers()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["text"]!["vocab_size"] = 600);

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => VlmEngine.Load(copy.Path));

        // Assert
        Assert.Contains("vocab_size", ex.Message, StringComparison.Ordinal);
        Assert.Contains("600", ex.Message, StringComparison.Ordinal);
        Assert.Contains("514", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"format_version\": 1, ")]
    [InlineData("")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ \"text\": { \"num_layers\": \"two\" } }")]
    public void Load_ManifestUnparseable_ThrowsNamingManifestFile(string content)
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        File.WriteAllText(copy.Combine(ModelManifest.FileName), content);

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains(ModelManifest.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", "num_layers", "text.num_layers")]
    [InlineData("text", "vocab_size", "text.vocab_size")]
    [InlineData("graphs", "decoder", "graphs.decoder")]
    [InlineData("vision", "image_size", "vision.image_size")]
    [InlineData("special_tokens", "image", "special_tokens.image")]
    public void Load_ManifestFieldMissing_ThrowsNamingField(string section, string field, string expected)
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => Assert.True(m[section]!.AsObject().Remove(field), $"fixture manifest lacks {section}.{field}"));

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ModelManifest.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("vision")]
    [InlineData("graphs")]
    [InlineData("special_tokens")]
    public void Load_ManifestSectionMissing_ThrowsNamingSection(string section)
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => Assert.True(m.AsObject().Remove(section)));

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains(section, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("vision")]
    [InlineData("graphs")]
    [InlineData("preprocessing")]
    [InlineData("tokenizer")]
    [InlineData("special_tokens")]
    [InlineData("family")]
    public void Load_ManifestSectionNull_ThrowsNamingSection(string section)
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m[section] = null);

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains(section, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ModelManifest.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenizerFileDeleted_ThrowsNamingFieldAndFile()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        File.Delete(copy.Combine("tokenizer.model"));

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains("tokenizer.file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GraphEntryNull_ThrowsNamingGraph()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["graphs"]!["projector"] = null);

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains("graphs.projector", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnsupportedFormatVersion_ThrowsNamingVersion()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["format_version"] = 7);

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains("format_version is 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderDoesNotExist_ThrowsNamingFolder()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "localmodel-robustness", "no-such-package-" + Guid.NewGuid().ToString("N"));

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(missing));

        // Assert
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    private static void EditManifest(TempDirectory package, Action<JsonNode> edit)
    {
        var path = package.Combine(ModelManifest.FileName);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
