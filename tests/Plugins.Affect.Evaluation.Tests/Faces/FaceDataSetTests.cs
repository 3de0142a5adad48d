using System;
using System.IO;
using System.Threading.Tasks;
using Plugins.Affect.Evaluation.Faces;

namespace Plugins.Affect.Evaluation.Tests.Faces;

public sealed class FaceDataSetTests
{
    [Fact]
    public void WriteRead_Records_RoundTrip()
    {
        var folder = Path.Combine(Path.GetTempPath(), "faces-" + Guid.NewGuid().ToString("N"));
        try
        {
            FaceRecord[] records =
            [
                new("a", "images/a.png", "joy", ["upturned mouth", "rosy cheeks"], "train", "oval/mint/sun"),
                new("b", "images/b.png", "fear", ["wide eyes"], "heldout", "squircle/dusk/none"),
            ];

            FaceDataSet.Write(folder, records);
            var read = FaceDataSet.Read(folder);

            Assert.Equal(2, read.Count);
            Assert.Equal(records[0].Id, read[0].Id);
            Assert.Equal(records[0].Clues, read[0].Clues);
            Assert.Equal("heldout", read[1].Split);
            Assert.Equal("squircle/dusk/none", read[1].Style);
            Assert.StartsWith("{\"id\":\"a\",\"image\":\"images/a.png\",\"label\":\"joy\",\"clues\":", File.ReadAllLines(Path.Combine(folder, "faces.jsonl"))[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Read_UnknownLabel_ThrowsNamingTheLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "faces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "faces.jsonl"), "{\"id\":\"a\",\"image\":\"images/a.png\",\"label\":\"awe\",\"clues\":[],\"split\":\"train\",\"style\":\"x\"}\n");

            var e = Assert.Throws<InvalidDataException>(() => FaceDataSet.Read(folder));

            Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task GenerateAsync_ThreeFaces_WritesPngsAndRecordsInChromium()
    {
        var folder = Path.Combine(Path.GetTempPath(), "faces-" + Guid.NewGuid().ToString("N"));
        try
        {
            var records = await FaceDataSet.GenerateAsync(folder, "heldout", 4, 3);

            Assert.Equal(3, records.Count);
            var read = FaceDataSet.Read(folder);
            Assert.Equal(records[2].Id, read[2].Id);
            var png = await File.ReadAllBytesAsync(Path.Combine(folder, read[0].Image));
            Assert.Equal(0x89, png[0]);
            var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            Assert.Equal(FaceGenerator.Design("heldout", 4, 0).Size, width);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
