using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Training.Writing;

/// <summary>
/// A trivial text-only exporter for tests and smoke runs: example <c>i</c> asks to repeat a word and answers it.
/// Deterministic: the words come from the seed and the split (held-out words are upper-case, never seen in training).
/// </summary>
public sealed class EchoTrainingTaskExporter : ITrainingTaskExporter
{
    /// <summary>The registry name.</summary>
    public const string ExporterName = "echo";

    /// <summary>The task name of its samples.</summary>
    public const string TaskName = "echo";

    /// <inheritdoc />
    public IReadOnlyList<string> Tasks { get; } = [TaskName];

    /// <inheritdoc />
    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var random = new Random(context.Seed);
        for (var i = 0; i < context.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var word = string.Create(CultureInfo.InvariantCulture, $"w{random.Next(100000)}");
            if (context.IsHeldOut)
            {
                word = word.ToUpperInvariant();
            }

            yield return new TrainingSample(TaskName, [new ChatMessage(ChatRole.User, "Repeat: " + word)], null, word)
            {
                Meta = new Dictionary<string, string> { ["word"] = word },
            };
            context.Progress?.Report(i + 1);
            await Task.Yield();
        }
    }
}
