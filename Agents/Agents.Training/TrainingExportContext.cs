using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agents.Training;

/// <summary>What an exporter needs to know: which split, which seed, how many examples, and where it may write scratch files.</summary>
public sealed class TrainingExportContext
{
    /// <summary>The split name of training data.</summary>
    public const string TrainSplit = "train";

    /// <summary>The split name of held-out data (other seeds, unseen combinations).</summary>
    public const string HeldOutSplit = "heldout";

    /// <summary>Gets the split: <see cref="TrainSplit"/> or <see cref="HeldOutSplit"/>.</summary>
    public required string Split { get; init; }

    /// <summary>Gets the seed; the same context gives the same examples.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the number of examples (or, for multi-step tasks, of source items such as pages or flows) to produce.</summary>
    public required int Count { get; init; }

    /// <summary>Gets a scratch folder the exporter may create files in (rendered pages, screenshots); it exists.</summary>
    public required string ScratchFolder { get; init; }

    /// <summary>Gets the Chromium executable to render with, or null to find Debian's.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>Gets the logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Gets a progress sink (examples done so far), or null.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Gets whether this is the held-out split.</summary>
    public bool IsHeldOut => string.Equals(Split, HeldOutSplit, StringComparison.Ordinal);
}
