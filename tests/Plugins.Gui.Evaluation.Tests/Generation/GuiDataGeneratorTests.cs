using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Evaluation.Generation;
using Plugins.Gui.Evaluation.Tests.Support;

namespace Plugins.Gui.Evaluation.Tests.Generation;

public class GuiDataGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_SameSeedTwice_WritesIdenticalFiles()
    {
        // Arrange
        using var temp = new TempFolder();
        var generator = new GuiDataGenerator();

        // Act
        await generator.GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = temp.Combine("a"), Count = 8, Seed = 7 });
        await generator.GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = temp.Combine("b"), Count = 8, Seed = 7 });
        await generator.GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = temp.Combine("c"), Count = 8, Seed = 8 });

        // Assert: every file (pages, records, screenshots) is byte-identical for the same seed.
        var a = Digests(temp.Combine("a"));
        var b = Digests(temp.Combine("b"));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (file, digest) in a)
        {
            Assert.True(digest == b[file], $"{file} differs between two runs with seed 7");
        }

        Assert.NotEqual(File.ReadAllText(temp.Combine("a", "tasks.jsonl")), File.ReadAllText(temp.Combine("c", "tasks.jsonl")));
    }

    [Fact]
    public async Task GenerateAsync_Count_WritesBothRecordKindsWithMatchingBoxes()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = temp.Combine("data");

        // Act
        var set = await new GuiDataGenerator().GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = folder, Count = 12, Seed = 3 });

        // Assert
        var tasks = PageTaskReader.Read(Path.Combine(folder, "tasks.jsonl"));
        var records = ScreenSpotReader.Read(Path.Combine(folder, "screenspot.json"));
        Assert.Equal(12, tasks.Count);
        Assert.Equal(12, records.Count);
        Assert.Equal(12, set.Tasks.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            Assert.Equal(tasks[i].Instruction, records[i].Instruction);
            Assert.Equal(tasks[i].Split, records[i].DataType);
            var bbox = records[i].Bbox;
            Assert.True(bbox[0] + bbox[2] <= tasks[i].Viewport.Width && bbox[1] + bbox[3] <= tasks[i].Viewport.Height, $"record {i} box {string.Join(",", bbox)} leaves the {tasks[i].Viewport} viewport");
        }

        Assert.False(Directory.Exists(Path.Combine(temp.Path, ".data.partial")));
    }

    private static System.Collections.Generic.Dictionary<string, string> Digests(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
