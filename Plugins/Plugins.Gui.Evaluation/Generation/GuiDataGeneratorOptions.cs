using System;

namespace Plugins.Gui.Evaluation.Generation;

/// <summary>Options of <see cref="GuiDataGenerator"/>; checked by <see cref="Validate"/>.</summary>
public sealed class GuiDataGeneratorOptions
{
    /// <summary>The folder to write (tasks.jsonl, pages/, screenspot.json, images/). It must be absent, empty, or an earlier data set (it has a tasks.jsonl), which is replaced.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>How many tasks to write (about two per page). Default 50; at least 1, at most 100000.</summary>
    public int Count { get; init; } = 50;

    /// <summary>The seed: the same seed and count give the same files. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The Chromium executable; null to let <see cref="Browser.ChromiumLocator"/> find it.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>The <c>data_source</c> of the ScreenSpot records. Default <c>generated</c>.</summary>
    public string DataSource { get; init; } = "generated";

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A bad option.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputFolder))
        {
            throw new ArgumentException("GuiDataGeneratorOptions.OutputFolder must name a folder to write.", nameof(OutputFolder));
        }

        if (Count is < 1 or > 100_000)
        {
            throw new ArgumentException($"GuiDataGeneratorOptions.Count must be in 1..100000, got {Count}.", nameof(Count));
        }

        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException("GuiDataGeneratorOptions.DataSource must not be empty; the default is 'generated'.", nameof(DataSource));
        }
    }
}
