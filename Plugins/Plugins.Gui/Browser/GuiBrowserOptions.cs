using System;
using System.Collections.Generic;

namespace Plugins.Gui.Browser;

/// <summary>
/// How <see cref="GuiBrowser"/> launches Chromium. Validated by <see cref="Validate"/> when the browser is created;
/// the instance is read when a browser is launched, so changing it afterwards has no defined effect.
/// </summary>
public sealed class GuiBrowserOptions
{
    /// <summary>
    /// The Chromium executable. Default null: <see cref="ChromiumLocator.Locate"/> looks at
    /// <c>$AGENTS_CHROMIUM</c>, then <c>/usr/bin/chromium</c> and the other usual install paths.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Whether Chromium runs headless. Default true.</summary>
    public bool Headless { get; set; } = true;

    /// <summary>Viewport width of each task's page, in CSS pixels, 100 to 10000. Default 1280.</summary>
    public int ViewportWidth { get; set; } = 1280;

    /// <summary>Viewport height of each task's page, in CSS pixels, 100 to 10000. Default 800.</summary>
    public int ViewportHeight { get; set; } = 800;

    /// <summary>Device pixels per CSS pixel of each task's page, 0.5 to 4. Default 1.</summary>
    public double DeviceScaleFactor { get; set; } = 1;

    /// <summary>
    /// Flags passed to Chromium after <see cref="ChromiumLocator.DefaultArguments"/> (which keep it off the network).
    /// Default empty.
    /// </summary>
    public IList<string> ExtraArguments { get; set; } = [];

    /// <summary>How long a launch may take, 1 s to 10 min. Default 30 s.</summary>
    public TimeSpan LaunchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Playwright's default timeout for each page operation (navigation, waiting for an element, clicking), 100 ms to
    /// 10 min. Default 5 s.
    /// </summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every option; the exception names the option, the value and the accepted range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">An extra argument is empty.</exception>
    public void Validate()
    {
        CheckViewport(nameof(ViewportWidth), ViewportWidth);
        CheckViewport(nameof(ViewportHeight), ViewportHeight);
        if (!(DeviceScaleFactor >= 0.5 && DeviceScaleFactor <= 4))
        {
            throw new ArgumentOutOfRangeException(
                nameof(DeviceScaleFactor),
                DeviceScaleFactor,
                $"GuiBrowserOptions.{nameof(DeviceScaleFactor)} must be between 0.5 and 4 (device pixels per CSS pixel).");
        }

        CheckDuration(nameof(LaunchTimeout), LaunchTimeout, TimeSpan.FromSeconds(1));
        CheckDuration(nameof(ActionTimeout), ActionTimeout, TimeSpan.FromMilliseconds(100));
        if (ExtraArguments is null)
        {
            throw new ArgumentException($"GuiBrowserOptions.{nameof(ExtraArguments)} must not be null; use an empty list.", nameof(ExtraArguments));
        }

        foreach (var argument in ExtraArguments)
        {
            if (string.IsNullOrWhiteSpace(argument))
            {
                throw new ArgumentException(
                    $"GuiBrowserOptions.{nameof(ExtraArguments)} contains an empty flag; remove it or give a Chromium flag such as '--lang=en-US'.",
                    nameof(ExtraArguments));
            }
        }
    }

    internal static void CheckViewport(string name, int value, string owner = nameof(GuiBrowserOptions))
    {
        if (value < 100 || value > 10000)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner}.{name} must be between 100 and 10000 CSS pixels.");
        }
    }

    private static void CheckDuration(string name, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum || value > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                $"GuiBrowserOptions.{name} must be between {minimum.TotalMilliseconds:0} ms and 10 minutes.");
        }
    }
}
