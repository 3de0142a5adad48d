using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Training.Tests.Writing;

/// <summary>An exporter that yields the samples a callback makes for indices 0..Count-1 and records its contexts.</summary>
internal sealed class FakeExporter(string task, Func<int, TrainingExportContext, TrainingSample> make) : ITrainingTaskExporter
{
    public List<TrainingExportContext> Contexts { get; } = [];

    public IReadOnlyList<string> Tasks { get; } = [task];

    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Contexts.Add(context);
        for (var i = 0; i < context.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return make(i, context);
        }
    }
}
