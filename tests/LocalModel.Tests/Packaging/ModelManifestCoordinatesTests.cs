using System;
using System.IO;
using System.Text.Json.Nodes;
using Agents.TestSupport;
using LocalModel.Packaging;

namespace LocalModel.Tests.Packaging;

/// <summary>The manifest's <c>coordinates</c> field: default, round trip and validation.</summary>
public sealed class ModelManifestCoordinatesTests
{
    [Fact]
    public void Coordinates_NotInManifest_DefaultsToGrid999()
    {
        // Arrange: the fixture package's manifest without the field, as packages written before it are.
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m.AsObject().Remove("coordinates"));

        // Act
        var manifest = ModelPackage.Load(copy.Path).Manifest;

        // Assert
        Assert.Equal(ModelManifest.CoordinatesGrid999, manifest.Coordinates);
        Assert.Equal("grid-999", manifest.Coordinates);
    }

    [Fact]
    public void Coordinates_Relative1000_LoadsAsWritten()
    {
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["coordinates"] = "relative-1000");

        var manifest = ModelPackage.Load(copy.Path).Manifest;

        Assert.Equal(ModelManifest.CoordinatesRelative1000, manifest.Coordinates);
    }

    [Fact]
    public void Coordinates_UnknownValue_ThrowsNamingFieldAndAllowedValues()
    {
        // Arrange
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["coordinates"] = "pixels");

        // Act
        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        // Assert
        Assert.Contains("coordinates is 'pixels'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("grid-999, relative-1000, absolute-resized", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ModelManifest.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinates_AbsoluteResizedWithoutSmartResize_ThrowsNamingPreprocessingMode()
    {
        using var copy = TempDirectory.CopyOf(Fixtures.Package("tiny-llava"));
        EditManifest(copy, m => m["coordinates"] = "absolute-resized");

        var ex = Assert.Throws<ModelPackageException>(() => ModelPackage.Load(copy.Path));

        Assert.Contains("coordinates 'absolute-resized' needs preprocessing.mode 'smart_resize'", ex.Message, StringComparison.Ordinal);
    }

    private static void EditManifest(TempDirectory package, Action<JsonNode> edit)
    {
        var path = package.Combine(ModelManifest.FileName);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
