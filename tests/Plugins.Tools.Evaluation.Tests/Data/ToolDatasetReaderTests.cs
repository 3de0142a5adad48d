using System;
using System.IO;
using Plugins.Tools.Evaluation.Data;

namespace Plugins.Tools.Evaluation.Tests.Data;

/// <summary>The data format: validation errors name the query or tool and the field; writing and reading round-trips.</summary>
public sealed class ToolDatasetReaderTests : IDisposable
{
    private const string Tools = """
        "tools": [
          {"name": "weather_forecast", "description": "Returns the weather forecast.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}, "group": "forecast"},
          {"name": "MeteoOutlook", "description": "Daily outlook.", "parameters": {"type": "object"}}
        ]
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tooldata-reader-" + Guid.NewGuid().ToString("N")[..12]);

    public ToolDatasetReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("""{"id": "q1", "instruction": "rain?", "image": null, "acceptable": ["nope"]}""", "queries[0] (id 'q1'): field 'acceptable' names unknown tool 'nope'")]
    [InlineData("""{"id": "q1", "instruction": "rain?", "image": null, "acceptable": ["weather_forecast"]}, {"id": "q1", "instruction": "sun?", "image": null, "acceptable": ["MeteoOutlook"]}""", "queries[1] (id 'q1'): field 'id' duplicates queries[0]")]
    [InlineData("""{"id": "q1", "instruction": "  ", "image": null, "acceptable": ["weather_forecast"]}""", "queries[0] (id 'q1'): field 'instruction' is empty")]
    [InlineData("""{"id": "q1", "instruction": "rain?", "image": "images/missing.png", "acceptable": ["weather_forecast"]}""", "queries[0] (id 'q1'): field 'image' names 'images/missing.png', which does not exist")]
    [InlineData("""{"id": "q1", "instruction": "rain?", "image": null, "acceptable": []}""", "queries[0] (id 'q1'): field 'acceptable' is empty")]
    [InlineData("""{"id": "q1", "instruction": "rain?", "imgae": null, "acceptable": ["weather_forecast"]}""", "queries[0] (id 'q1'): unknown field 'imgae'")]
    [InlineData("""{"instruction": "rain?", "image": null, "acceptable": ["weather_forecast"]}""", "queries[0]: field 'id' is missing")]
    public void Read_BadQuery_ThrowsNamingQueryAndField(string queries, string expected)
    {
        // Arrange
        var path = Write("{" + Tools + ", \"queries\": [" + queries + "]}");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ToolDatasetReader.Read(path));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"name": "a", "description": "x"}, {"name": "a", "description": "y"}]""", "tools[1] ('a'): field 'name' duplicates tools[0]")]
    [InlineData("""[{"name": "a", "description": "x", "parameters": "none"}]""", "tools[0] ('a'): field 'parameters' must be a JSON schema object, got a string")]
    [InlineData("""[{"description": "x"}]""", "tools[0]: field 'name' is missing")]
    [InlineData("""[]""", "field 'tools' is empty")]
    public void Read_BadTool_ThrowsNamingToolIndexAndField(string tools, string expected)
    {
        // Arrange
        var path = Write("{\"tools\": " + tools + """, "queries": [{"id": "q1", "instruction": "x", "image": null, "acceptable": ["a"]}]}""");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ToolDatasetReader.Read(path));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotJson_ThrowsInvalidData()
    {
        // Arrange
        var path = Write("{\"tools\": [");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ToolDatasetReader.Read(path));

        // Assert
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_FullDataset_RoundTripsEveryFieldAndBytes()
    {
        // Arrange
        Directory.CreateDirectory(Path.Combine(_folder, "images"));
        File.WriteAllBytes(Path.Combine(_folder, "images", "q2.png"), [1, 2, 3]);
        var path = Write("{" + Tools + """
            , "queries": [
              {"id": "q1", "instruction": "Will it rain in Lisbon?", "image": null, "acceptable": ["weather_forecast", "MeteoOutlook"], "kind": "paraphrase", "group": "forecast"},
              {"id": "q2", "instruction": "What does this chart say?", "image": "images/q2.png", "acceptable": ["MeteoOutlook"]}
            ]}
            """);
        var original = ToolDatasetReader.Read(path);
        var copy = Path.Combine(_folder, "copy.json");

        // Act
        ToolDatasetWriter.Write(original, copy);
        var read = ToolDatasetReader.Read(copy);

        // Assert
        Assert.Equal(ToolDatasetWriter.ToJson(original), File.ReadAllText(copy));
        Assert.Equal(ToolDatasetWriter.ToJson(original), ToolDatasetWriter.ToJson(read));
        Assert.Equal(2, read.Tools.Count);
        Assert.Equal("forecast", read.Tools[0].Group);
        Assert.Null(read.Tools[1].Group);
        Assert.Equal("city", read.Tools[0].Parameters.GetProperty("required")[0].GetString());
        Assert.Equal(["weather_forecast", "MeteoOutlook"], read.Queries[0].Acceptable);
        Assert.Equal("paraphrase", read.Queries[0].Kind);
        Assert.Null(read.Queries[0].Image);
        Assert.Equal("images/q2.png", read.Queries[1].Image);
        Assert.Null(read.Queries[1].Kind);
        Assert.Equal(Path.GetFullPath(_folder), read.Folder);
        Assert.Equal(2, read.ToCatalog().Count);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "data.json");
        File.WriteAllText(path, json);
        return path;
    }
}
