using System.Collections.Generic;

namespace Plugins.Tools.Evaluation.Generation;

/// <summary>What <see cref="ToolDataGenerator"/> wrote.</summary>
public sealed record ToolDataSummary
{
    /// <summary>Gets the data file written.</summary>
    public required string DataFile { get; init; }

    /// <summary>Gets the folder of the query images.</summary>
    public required string ImagesFolder { get; init; }

    /// <summary>Gets the number of tools.</summary>
    public required int ToolCount { get; init; }

    /// <summary>Gets the number of synonym groups.</summary>
    public required int GroupCount { get; init; }

    /// <summary>Gets the number of queries.</summary>
    public required int QueryCount { get; init; }

    /// <summary>Gets the number of queries per kind (direct, paraphrase, with-image).</summary>
    public required IReadOnlyDictionary<string, int> KindCounts { get; init; }

    /// <summary>Gets the number of queries with an image.</summary>
    public required int ImageQueries { get; init; }

    /// <summary>Gets the number of low-overlap queries, measured by <see cref="Overlap.LexicalOverlap"/>.</summary>
    public required int LowOverlapQueries { get; init; }

    /// <summary>Gets the share of low-overlap queries.</summary>
    public double LowOverlapShare => QueryCount == 0 ? 0 : (double)LowOverlapQueries / QueryCount;
}
