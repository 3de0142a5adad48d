using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Data;

/// <summary>
/// One ScreenSpot record (an element of the <c>screenspot.json</c> array): <c>img_filename</c>, <c>bbox</c> as
/// [x, y, width, height] in image pixels, <c>instruction</c>, <c>data_type</c> (text|icon) and <c>data_source</c>.
/// </summary>
public sealed record ScreenSpotRecord
{
    /// <summary>The image, relative to the folder of the JSON file (or to its <c>images/</c> subfolder).</summary>
    public required string ImageFilename { get; init; }

    /// <summary>The target box: x, y, width, height in image pixels.</summary>
    public required IReadOnlyList<double> Bbox { get; init; }

    /// <summary>What to find.</summary>
    public required string Instruction { get; init; }

    /// <summary><see cref="GroundingSplit.Text"/> or <see cref="GroundingSplit.Icon"/>.</summary>
    public required string DataType { get; init; }

    /// <summary>Where the screenshot comes from (e.g. <c>web</c>, <c>generated</c>, <c>ios</c>).</summary>
    public required string DataSource { get; init; }

    /// <summary>The 1-based line where the record starts in its file (0 when built in code).</summary>
    public int Line { get; init; }
}
