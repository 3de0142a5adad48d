using System.IO;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Evaluation.Tests.Support;

namespace Plugins.Gui.Evaluation.Tests.Data;

public class ScreenSpotReaderTests
{
    private const string Record = """{"img_filename":"a.png","bbox":[10,20,30,40],"instruction":"open settings","data_type":"icon","data_source":"web"}""";

    [Fact]
    public void Read_ArrayOfRecords_ReturnsRecordsWithStartLines()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = temp.Combine("screenspot.json");
        File.WriteAllText(file, "[\n  " + Record + ",\n\n  " + Record.Replace("icon", "text") + "\n]\n");

        // Act
        var records = ScreenSpotReader.Read(file, requireImages: false);

        // Assert
        Assert.Equal(2, records.Count);
        Assert.Equal([10.0, 20, 30, 40], records[0].Bbox);
        Assert.Equal(2, records[0].Line);
        Assert.Equal(4, records[1].Line);
        Assert.Equal(GroundingSplit.Text, records[1].DataType);
    }

    [Theory]
    [InlineData("[10,20,30,40]", "[10,20,30]", "field 'bbox' must be [x, y, width, height]")]
    [InlineData("[10,20,30,40]", "[10,20,0,40]", "field 'bbox' must be [x, y, width, height]")]
    [InlineData("\"icon\"", "\"button\"", "field 'data_type' must be one of")]
    [InlineData("\"img_filename\":\"a.png\",", "", "field 'img_filename' is missing")]
    public void Read_MalformedThirdRecord_ThrowsNamingFileLineAndField(string from, string to, string expected)
    {
        // Arrange
        using var temp = new TempFolder();
        var file = temp.Combine("screenspot.json");
        File.WriteAllText(file, "[\n" + Record + ",\n" + Record + ",\n" + Record.Replace(from, to) + "\n]");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ScreenSpotReader.Read(file, requireImages: false));

        // Assert
        Assert.StartsWith(file + ":4: ", error.Message, System.StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingImage_ThrowsNamingTheImage()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = temp.Combine("screenspot.json");
        File.WriteAllText(file, "[" + Record + "]");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ScreenSpotReader.Read(file));

        // Assert
        Assert.Contains(":1: field 'img_filename' names 'a.png'", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAnArray_ThrowsSayingWhatIsExpected()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = temp.Combine("screenspot.json");
        File.WriteAllText(file, Record);

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ScreenSpotReader.Read(file));

        // Assert
        Assert.Contains("must be one JSON array", error.Message, System.StringComparison.Ordinal);
    }
}
