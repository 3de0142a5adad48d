using System.IO;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Evaluation.Tests.Support;

namespace Plugins.Gui.Evaluation.Tests.Data;

public class PageTaskReaderTests
{
    private const string Good = """{"id":"t1","page":"pages/a.html","viewport":{"width":800,"height":600},"device_scale_factor":1.5,"instruction":"click Save","target":"#save","split":"text","scroll_into_view":false}""";

    [Fact]
    public void Read_WellFormedLines_ReturnsTasksWithLineNumbers()
    {
        // Arrange
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("pages"));
        File.WriteAllText(temp.Combine("pages", "a.html"), "<p>a</p>");
        var file = temp.Combine("tasks.jsonl");
        File.WriteAllText(file, Good + "\n\n" + Good.Replace("\"t1\"", "\"t2\"").Replace("\"text\"", "\"icon\"") + "\n");

        // Act
        var tasks = PageTaskReader.Read(file);

        // Assert
        Assert.Equal(2, tasks.Count);
        Assert.Equal(new PageTaskViewport(800, 600), tasks[0].Viewport);
        Assert.Equal(1.5, tasks[0].DeviceScaleFactor);
        Assert.Equal(1, tasks[0].Line);
        Assert.Equal(3, tasks[1].Line);
        Assert.Equal(GroundingSplit.Icon, tasks[1].Split);
    }

    [Theory]
    [InlineData("\"split\":\"text\"", "\"split\":\"image\"", "field 'split' must be one of")]
    [InlineData("\"width\":800", "\"width\":0", "field 'viewport.width' must be a positive integer")]
    [InlineData("\"device_scale_factor\":1.5", "\"device_scale_factor\":\"2\"", "field 'device_scale_factor' must be a positive number")]
    [InlineData("\"target\":\"#save\",", "", "field 'target' is missing")]
    [InlineData("\"instruction\":\"click Save\"", "\"instruction\":\"\"", "field 'instruction' must be a non-empty string")]
    [InlineData("\"scroll_into_view\":false", "\"scroll_into_view\":\"no\"", "field 'scroll_into_view' must be true or false")]
    [InlineData("\"page\"", "\"colour\":\"red\",\"page\"", "field 'colour' is not a known field")]
    [InlineData("\"page\":\"pages/a.html\"", "\"page\":\"pages/missing.html\"", "field 'page' names 'pages/missing.html', which does not exist")]
    [InlineData("}", "", "not valid JSON")]
    public void Read_MalformedSecondRecord_ThrowsNamingFileLineAndField(string from, string to, string expected)
    {
        // Arrange
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("pages"));
        File.WriteAllText(temp.Combine("pages", "a.html"), "<p>a</p>");
        var file = temp.Combine("tasks.jsonl");
        var bad = Good.Replace("\"t1\"", "\"t2\"");
        var index = bad.LastIndexOf(from, System.StringComparison.Ordinal);
        bad = bad[..index] + to + bad[(index + from.Length)..];
        File.WriteAllText(file, Good + "\n" + bad + "\n");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => PageTaskReader.Read(file));

        // Assert
        Assert.StartsWith(file + ":2: ", error.Message, System.StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateId_ThrowsNamingTheLine()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = temp.Combine("tasks.jsonl");
        File.WriteAllText(file, Good + "\n" + Good + "\n");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => PageTaskReader.Read(file, requirePages: false));

        // Assert
        Assert.Contains(":2: field 'id' \"t1\" is used by an earlier line", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_RoundTripsEveryField()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = temp.Combine("tasks.jsonl");
        var task = new PageTask { Id = "x", Page = "p.html", Viewport = new PageTaskViewport(390, 844), DeviceScaleFactor = 3, Instruction = "tap \"Save\"", Target = "iframe#w >>> #b", Split = GroundingSplit.Icon, ScrollIntoView = true, Line = 1 };

        // Act
        PageTaskReader.Write(file, [task]);
        var read = PageTaskReader.Read(file, requirePages: false);

        // Assert
        Assert.Equal(task, Assert.Single(read));
    }
}
