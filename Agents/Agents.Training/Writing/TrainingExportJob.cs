using System;

namespace Agents.Training.Writing;

/// <summary>One exporter to run, under the name it was asked for, and how many items it produces.</summary>
/// <param name="Name">The name (e.g. <c>gui</c>); used in progress and logs.</param>
/// <param name="Exporter">The exporter.</param>
/// <param name="Count">The number of items to request (<see cref="TrainingExportContext.Count"/>); positive.</param>
public sealed record TrainingExportJob(string Name, ITrainingTaskExporter Exporter, int Count)
{
    /// <summary>Throws naming the first invalid field.</summary>
    /// <exception cref="ArgumentException">The name is empty, the exporter null or the count not positive.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentNullException.ThrowIfNull(Exporter);
        if (Count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, $"The count of '{Name}' must be positive.");
        }
    }
}
