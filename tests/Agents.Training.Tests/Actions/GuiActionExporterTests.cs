using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.Training.Actions;
using Microsoft.Extensions.AI;

namespace Agents.Training.Tests.Actions;

public sealed class GuiActionExporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gui-action-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ExportAsync_TwoFlows_OneSamplePerStepWithToolCallAnswers()
    {
        var context = new TrainingExportContext { Split = TrainingExportContext.TrainSplit, Seed = 4, Count = 2, ScratchFolder = _folder };
        var samples = new List<TrainingSample>();

        await foreach (var sample in new GuiActionExporter().ExportAsync(context))
        {
            samples.Add(sample);
        }

        var flows = Plugins.Gui.Evaluation.Flows.GuiFlowGenerator.Generate("train", 4, 2);
        Assert.Equal(flows.Sum(f => f.Flow.Steps.Count), samples.Count);
        Assert.All(samples, s => Assert.StartsWith("<tool_call>{\"name\":\"", s.Answer, StringComparison.Ordinal));
        Assert.Equal("<tool_call>{\"name\":\"done\",\"arguments\":{}}</tool_call>", samples[^1].Answer);
        Assert.All(samples, s => Assert.Equal(ChatToolMode.RequireAny, s.Options!.ToolMode));
        Assert.All(samples, s => Assert.Equal("image/png", s.Messages.Single().Contents.OfType<DataContent>().Single().MediaType));
        var lengths = samples.Select(s => s.Messages.Single().Text.Length).ToList();
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "gui-action-prompt-lengths.txt"), string.Join(",", lengths));
    }
}
