using System;
using System.Collections.Generic;

namespace Plugins.Gui.Browser;

/// <summary>Per-task settings for <see cref="GuiBrowser.StartTaskAsync"/>. Validated by <see cref="Validate"/> when a task starts.</summary>
public sealed class GuiTaskOptions
{
    /// <summary>
    /// Origins the task may load, such as <c>http://127.0.0.1:5000</c>. Default empty: the first origin opened
    /// (through <c>open_url</c> or <see cref="GuiTask.OpenAsync"/>) becomes the only allowed one.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Schemes allowed beyond http and https, without the colon: <c>file</c>, <c>chrome</c>, <c>javascript</c>,
    /// <c>data</c>, <c>blob</c>, <c>about</c>. Default empty (only <c>about:blank</c> is allowed besides http(s)).
    /// </summary>
    public IList<string> AllowedSchemes { get; set; } = [];

    /// <summary>
    /// Whether a page may load images, scripts, styles and fetch/XHR from origins that are not allowed. Default false:
    /// such requests are aborted too, so a page cannot make the browser contact another origin at all (no
    /// exfiltration through image URLs). Set true for sites that use a CDN.
    /// </summary>
    public bool AllowCrossOriginSubresources { get; set; }

    /// <summary>How many plugin functions the task may run, 1 to 100000; each function call is one step. Default 50.</summary>
    public int MaxSteps { get; set; } = 50;

    /// <summary>Viewport width in CSS pixels for this task; default null: <see cref="GuiBrowserOptions.ViewportWidth"/>.</summary>
    public int? ViewportWidth { get; set; }

    /// <summary>Viewport height in CSS pixels for this task; default null: <see cref="GuiBrowserOptions.ViewportHeight"/>.</summary>
    public int? ViewportHeight { get; set; }

    /// <summary>Device scale factor for this task; default null: <see cref="GuiBrowserOptions.DeviceScaleFactor"/>.</summary>
    public double? DeviceScaleFactor { get; set; }

    /// <summary>How many characters of visible text <c>read_page</c> returns, 100 to 1000000. Default 4000.</summary>
    public int ReadPageLimit { get; set; } = 4000;

    /// <summary>Checks every option; the exception names the option, the value and the accepted range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">An origin or scheme is malformed (see <see cref="Safety.NavigationPolicy"/>).</exception>
    public void Validate()
    {
        if (MaxSteps < 1 || MaxSteps > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, $"GuiTaskOptions.{nameof(MaxSteps)} must be between 1 and 100000.");
        }

        if (ReadPageLimit < 100 || ReadPageLimit > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ReadPageLimit),
                ReadPageLimit,
                $"GuiTaskOptions.{nameof(ReadPageLimit)} must be between 100 and 1000000 characters.");
        }

        if (ViewportWidth is { } width)
        {
            GuiBrowserOptions.CheckViewport(nameof(ViewportWidth), width, nameof(GuiTaskOptions));
        }

        if (ViewportHeight is { } height)
        {
            GuiBrowserOptions.CheckViewport(nameof(ViewportHeight), height, nameof(GuiTaskOptions));
        }

        if (DeviceScaleFactor is { } factor && !(factor >= 0.5 && factor <= 4))
        {
            throw new ArgumentOutOfRangeException(
                nameof(DeviceScaleFactor),
                factor,
                $"GuiTaskOptions.{nameof(DeviceScaleFactor)} must be between 0.5 and 4 (device pixels per CSS pixel).");
        }

        _ = new Safety.NavigationPolicy(AllowedOrigins, AllowedSchemes);
    }
}
