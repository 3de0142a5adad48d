namespace Plugins.Gui.Evaluation.Data;

/// <summary>
/// One page-task record: a line of <c>tasks.jsonl</c>,
/// <c>{"id","page","viewport":{"width","height"},"device_scale_factor","instruction","target","split","scroll_into_view"}</c>.
/// </summary>
public sealed record PageTask
{
    /// <summary>Unique id within the file.</summary>
    public required string Id { get; init; }

    /// <summary>The page, relative to the folder of <c>tasks.jsonl</c>, with forward slashes.</summary>
    public required string Page { get; init; }

    /// <summary>The viewport to open the page at.</summary>
    public required PageTaskViewport Viewport { get; init; }

    /// <summary>Device pixels per CSS pixel (e.g. 1, 1.5, 2, 3).</summary>
    public required double DeviceScaleFactor { get; init; }

    /// <summary>What to find, written like a user would.</summary>
    public required string Instruction { get; init; }

    /// <summary>A CSS selector for exactly one element; <c>iframe#id &gt;&gt;&gt; inner</c> crosses a same-origin frame.</summary>
    public required string Target { get; init; }

    /// <summary><see cref="GroundingSplit.Text"/> or <see cref="GroundingSplit.Icon"/>.</summary>
    public required string Split { get; init; }

    /// <summary>Whether to scroll the target into view before observing the page (targets below the fold). Default false.</summary>
    public bool ScrollIntoView { get; init; }

    /// <summary>The 1-based line of the record in its file (0 when built in code); error messages name it.</summary>
    public int Line { get; init; }
}
