using Plugins.Tools.Retrieval;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval;

/// <summary>Which tools take an image, read from hand-written parameter schemas.</summary>
public sealed class ToolModalityTests
{
    [Theory]
    [InlineData("""{"type":"object","properties":{"image":{"type":"string"}},"required":["image"]}""", ToolImageInput.Required)]
    [InlineData("""{"type":"object","properties":{"receiptPhoto":{"type":"string"}},"required":["receiptPhoto"]}""", ToolImageInput.Required)]
    [InlineData("""{"type":"object","properties":{"path":{"type":"string","description":"Image file"}},"required":["path"]}""", ToolImageInput.Required)]
    [InlineData("""{"type":"object","properties":{"data":{"type":"string","contentMediaType":"image/png"}}}""", ToolImageInput.Optional)]
    [InlineData("""{"type":"object","properties":{"screenshots":{"type":"array"}},"required":[]}""", ToolImageInput.Optional)]
    [InlineData("""{"type":"object","properties":{"title":{"type":"string","description":"Chart title"}}}""", ToolImageInput.None)]
    [InlineData("""{"type":"object","properties":{"imagination":{"type":"string"},"photographer":{"type":"string"}}}""", ToolImageInput.None)]
    [InlineData("{}", ToolImageInput.None)]
    public void ImageInput_Schema_ReadsWhetherAnImageIsTaken(string schema, ToolImageInput expected)
    {
        // Arrange: the description "returns it as an image" is an output and is not read.
        var tool = TestCatalogs.Tool("t", "Draws a chart and returns it as an image.", schema);

        // Act
        var input = ToolModality.ImageInput(tool);

        // Assert
        Assert.Equal(expected, input);
    }
}
