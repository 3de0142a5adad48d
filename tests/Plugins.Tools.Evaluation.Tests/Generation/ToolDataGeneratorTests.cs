using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Plugins.Tools.Evaluation.Data;
using Plugins.Tools.Evaluation.Generation;
using Plugins.Tools.Evaluation.Overlap;

namespace Plugins.Tools.Evaluation.Tests.Generation;

/// <summary>The seeded generator: deterministic bytes, at least 200 tools in synonym groups, at least 25% low-overlap queries (measured), images on disk.</summary>
public sealed class ToolDataGeneratorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tooldata-gen-" + Guid.NewGuid().ToString("N")[..12]);

    public ToolDataGeneratorTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Generate_SameSeedTwice_WritesIdenticalBytes()
    {
        // Act
        var first = Generate("a", seed: 7, queries: 80);
        var second = Generate("b", seed: 7, queries: 80);

        // Assert
        Assert.Equal(File.ReadAllBytes(first.DataFile), File.ReadAllBytes(second.DataFile));
        var images = Directory.GetFiles(first.ImagesFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(images);
        Assert.Equal(images, Directory.GetFiles(second.ImagesFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        foreach (var image in images)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.ImagesFolder, image!)), File.ReadAllBytes(Path.Combine(second.ImagesFolder, image!)));
        }
    }

    [Fact]
    public void Generate_DifferentSeeds_WriteDifferentData()
    {
        // Act
        var first = Generate("a", seed: 1, queries: 80);
        var second = Generate("b", seed: 2026, queries: 80);

        // Assert
        Assert.NotEqual(File.ReadAllBytes(first.DataFile), File.ReadAllBytes(second.DataFile));
    }

    [Fact]
    public void Generate_Defaults_ValidSetOfSynonymGroupsWithLowOverlapShareAndImages()
    {
        // Act
        var summary = Generate("d", seed: 3, queries: 400);
        var dataset = ToolDatasetReader.Read(summary.DataFile);

        // Assert: the file reads back (every acceptable tool exists, every image file exists).
        Assert.Equal(250, dataset.Tools.Count);
        Assert.Equal(400, dataset.Queries.Count);
        var groups = dataset.Tools.GroupBy(t => t.Group!).ToArray();
        Assert.True(groups.Length >= 50, $"{groups.Length} groups");
        Assert.All(groups, g => Assert.True(g.Count() >= 2, $"group {g.Key} has {g.Count()} tools"));

        // Every query's acceptable set is its whole synonym group.
        Assert.All(dataset.Queries, q => Assert.Equal(dataset.Tools.Where(t => t.Group == q.Group).Select(t => t.Name).Order(StringComparer.Ordinal), q.Acceptable.Order(StringComparer.Ordinal)));

        // Low-overlap share, measured again here.
        var descriptions = dataset.Tools.ToDictionary(t => t.Name, t => t.Description);
        var low = dataset.Queries.Count(q => LexicalOverlap.Measure(q.Instruction, q.Acceptable.Select(a => (a, descriptions[a]))).IsLowOverlap);
        Assert.Equal(summary.LowOverlapQueries, low);
        Assert.True(low >= 0.25 * dataset.Queries.Count, $"{low} low-overlap queries of {dataset.Queries.Count}");

        // 10-20% carry an image, each a PNG file beside the data.
        var withImage = dataset.Queries.Where(q => q.Image is not null).ToArray();
        Assert.InRange(withImage.Length, 40, 80);
        Assert.All(withImage, q => Assert.Equal([137, 80, 78, 71], File.ReadAllBytes(Path.Combine(dataset.Folder!, q.Image!)).Take(4).ToArray()));
        Assert.All(withImage, q => Assert.Equal(ToolQueryKinds.WithImage, q.Kind));

        // Text instructions are distinct (image instructions may repeat: their images differ).
        var text = dataset.Queries.Where(q => q.Image is null).Select(q => q.Instruction).ToArray();
        Assert.Equal(text.Length, text.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_TwoHundredTools_KeepsAtLeastTwoPerGroup()
    {
        // Act
        var summary = ToolDataGenerator.Generate(new ToolDataGeneratorOptions { OutputFile = Path.Combine(_folder, "small.json"), Seed = 4, ToolCount = 200, QueryCount = 60 });
        var dataset = ToolDatasetReader.Read(summary.DataFile);

        // Assert
        Assert.Equal(200, dataset.Tools.Count);
        Assert.All(dataset.Tools.GroupBy(t => t.Group), g => Assert.True(g.Count() >= 2));
    }

    [Theory]
    [InlineData(199, 10, "ToolCount must be in [200,")]
    [InlineData(250, 0, "QueryCount must be at least 1")]
    public void Generate_OutOfRange_ThrowsNamingTheOption(int tools, int queries, string expected)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => ToolDataGenerator.Generate(new ToolDataGeneratorOptions { OutputFile = Path.Combine(_folder, "x.json"), ToolCount = tools, QueryCount = queries }));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ToolDataSplit.Tuning)]
    [InlineData(ToolDataSplit.HeldOut)]
    public void Generate_Split_EveryInstructionComesFromThatSplitsTemplatesOnly(ToolDataSplit split)
    {
        // Arrange: with 2 direct and 3 paraphrase templates per group, tuning owns direct[0] and paraphrase[0..1],
        // held-out owns direct[1] and paraphrase[2].
        var folder = Path.Combine(_folder, split.ToString());
        Directory.CreateDirectory(folder);
        var groups = CatalogueSpec.Shared.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);

        // Act
        var summary = ToolDataGenerator.Generate(new ToolDataGeneratorOptions { OutputFile = Path.Combine(folder, "tools.json"), Seed = 5, QueryCount = 200, Split = split });
        var dataset = ToolDatasetReader.Read(summary.DataFile);

        // Assert
        Assert.True(summary.LowOverlapShare >= ToolDataGenerator.MinLowOverlapShare);
        foreach (var query in dataset.Queries)
        {
            var group = groups[query.Group!];
            var own = split == ToolDataSplit.Tuning ? group.Direct[..^1].Concat(group.Paraphrase[..^1]) : [group.Direct[^1], group.Paraphrase[^1]];
            var other = split == ToolDataSplit.Tuning ? [group.Direct[^1], group.Paraphrase[^1]] : group.Direct[..^1].Concat(group.Paraphrase[..^1]);
            Assert.Contains(own, t => Matches(t, query.Instruction));
            Assert.DoesNotContain(other, t => Matches(t, query.Instruction));
        }
    }

    [Fact]
    public void Validate_UndefinedSplit_ThrowsNamingSplit()
    {
        // Arrange
        var options = new ToolDataGeneratorOptions { OutputFile = "x.json", Split = (ToolDataSplit)7 };

        // Act
        var error = Assert.Throws<ArgumentException>(options.Validate);

        // Assert
        Assert.Contains("Split", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="instruction"/> is <paramref name="template"/> with its slots filled (compared ignoring case: the generator capitalises the first letter).</summary>
    private static bool Matches(string template, string instruction)
    {
        // Each slot matches exactly one of its values (a {slot2} without a list of its own takes slot's values).
        var slots = CatalogueSpec.Shared.Slots;
        var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{(\w+)}", m =>
        {
            var slot = m.Groups[1].Value;
            var values = slots.TryGetValue(slot, out var own) ? own : slots[slot[..^1]];
            return "(?:" + string.Join('|', values.Select(Regex.Escape)) + ")";
        }) + "$";
        return Regex.IsMatch(instruction, pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }

    private ToolDataSummary Generate(string subfolder, int seed, int queries)
    {
        var folder = Path.Combine(_folder, subfolder);
        Directory.CreateDirectory(folder);
        return ToolDataGenerator.Generate(new ToolDataGeneratorOptions { OutputFile = Path.Combine(folder, "tools.json"), Seed = seed, QueryCount = queries });
    }
}
