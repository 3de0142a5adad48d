using System;
using System.Globalization;

namespace Plugins.Tools.Evaluation.Generation;

/// <summary>Options of <see cref="ToolDataGenerator"/>. The same options always write the same bytes.</summary>
public sealed class ToolDataGeneratorOptions
{
    /// <summary>The fewest tools a generated catalogue has: 200.</summary>
    public const int MinToolCount = 200;

    /// <summary>Gets the data file to write; images go to <c>images/</c> beside it. Required.</summary>
    public required string OutputFile { get; init; }

    /// <summary>Gets the seed. Default 1 (the tuning set is seed 1 with <see cref="ToolDataSplit.Tuning"/>; the held-out set seed 2026 with <see cref="ToolDataSplit.HeldOut"/>).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Gets which instruction templates the queries use (default <see cref="ToolDataSplit.All"/>). The tuning set is
    /// <see cref="ToolDataSplit.Tuning"/> with seed 1, the held-out set <see cref="ToolDataSplit.HeldOut"/> with seed
    /// 2026: their templates are disjoint.
    /// </summary>
    public ToolDataSplit Split { get; init; } = ToolDataSplit.All;

    /// <summary>Gets the number of tools, from <see cref="MinToolCount"/> to <see cref="ToolDataGenerator.MaxToolCount"/>. Default 250.</summary>
    public int ToolCount { get; init; } = 250;

    /// <summary>Gets the number of queries; at least 1. Default 400.</summary>
    public int QueryCount { get; init; } = 400;

    /// <summary>Gets the share of queries that carry an image, in [0, 1]. Default 0.15.</summary>
    public double ImageShare { get; init; } = 0.15;

    /// <summary>Gets the share of text queries written as everyday paraphrases (the rest are direct), in [0, 1]. Default 0.4.</summary>
    public double ParaphraseShare { get; init; } = 0.4;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputFile, nameof(OutputFile));
        if (ToolCount < MinToolCount || ToolCount > ToolDataGenerator.MaxToolCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ToolDataGeneratorOptions.ToolCount must be in [{MinToolCount}, {ToolDataGenerator.MaxToolCount}], got {ToolCount}."), nameof(ToolCount));
        }

        if (QueryCount < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ToolDataGeneratorOptions.QueryCount must be at least 1, got {QueryCount}."), nameof(QueryCount));
        }

        if (!Enum.IsDefined(Split))
        {
            throw new ArgumentException($"ToolDataGeneratorOptions.Split must be All, Tuning or HeldOut, got {(int)Split}.", nameof(Split));
        }

        if (ImageShare is < 0 or > 1 || double.IsNaN(ImageShare) || ParaphraseShare is < 0 or > 1 || double.IsNaN(ParaphraseShare))
        {
            throw new ArgumentException("ToolDataGeneratorOptions.ImageShare and ParaphraseShare must be in [0, 1].", nameof(ImageShare));
        }
    }
}
