using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.Training.Gui;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Describe;
using Plugins.Gui.Grounding.Parsing;

namespace Agents.Training.Tests.Gui;

public sealed class GuiGroundingExporterTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "gui-export-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private async Task<List<TrainingSample>> ExportAsync(string folder, string split, int seed)
    {
        Directory.CreateDirectory(folder);
        var context = new TrainingExportContext { Split = split, Seed = seed, Count = 4, ScratchFolder = folder };
        var exporter = new GuiGroundingExporter(new GuiGroundingExporterOptions { UseOcr = false });
        var samples = new List<TrainingSample>();
        await foreach (var sample in exporter.ExportAsync(context))
        {
            samples.Add(sample);
        }

        return samples;
    }

    private static string Fingerprint(TrainingSample sample)
    {
        var message = Assert.Single(sample.Messages);
        var image = Assert.Single(message.Contents.OfType<DataContent>());
        return string.Join(
            "\n",
            sample.Task,
            message.Text,
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(image.Data.Span)),
            sample.Options?.MaxOutputTokens,
            sample.Answer,
            string.Join(";", sample.Meta.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + "=" + m.Value)));
    }

    [Fact]
    public async Task ExportAsync_SameSeedTwice_GivesTheSameSamplesWithParsableAnswers()
    {
        // Act
        var first = await ExportAsync(Path.Combine(_scratch, "a"), TrainingExportContext.TrainSplit, 5);
        var second = await ExportAsync(Path.Combine(_scratch, "b"), TrainingExportContext.TrainSplit, 5);

        // Assert
        Assert.Equal(first.Select(Fingerprint), second.Select(Fingerprint));
        Assert.Contains(first, s => s.Task == GuiGroundingExporter.VisionTask);
        Assert.Contains(first, s => s.Task == GuiGroundingExporter.HybridTask);
        Assert.Contains(first, s => s.Task == GuiGroundingExporter.DescribeTask);
        Assert.True(first.Count >= 8, $"only {first.Count} samples from 4 tasks");
        foreach (var sample in first)
        {
            var accepted = sample.Task switch
            {
                GuiGroundingExporter.DescribeTask => PointDescriber.Parse(sample.Answer) is not null,
                _ => sample.Answer == GuiAnswers.None || GroundingAnswerParser.Parse(sample.Answer, 1000, 1000, Enumerable.Range(1, 99).ToArray()).IsHit,
            };
            Assert.True(accepted, $"{sample.Task}: '{sample.Answer}'");
        }
    }

    [Fact]
    public async Task ExportAsync_HeldOut_UsesOtherPhrasingsForCandidateTargets()
    {
        // Act
        var heldOut = await ExportAsync(Path.Combine(_scratch, "h"), TrainingExportContext.HeldOutSplit, 5);

        // Assert: every candidate-target instruction is one of the held-out templates ("find the ... labelled" or "select '...' (...)").
        var prompts = heldOut
            .Where(s => s.Task == GuiGroundingExporter.VisionTask && s.Meta["source"] == "candidate")
            .Select(s => s.Messages[0].Text)
            .ToList();
        Assert.NotEmpty(prompts);
        Assert.All(prompts, p => Assert.True(p.Contains("find the ", StringComparison.Ordinal) || p.Contains("select '", StringComparison.Ordinal), p));
    }
}
