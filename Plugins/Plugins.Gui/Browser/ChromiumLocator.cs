using System;
using System.Collections.Generic;
using System.IO;

namespace Plugins.Gui.Browser;

/// <summary>
/// Finds the Chromium executable: the path given in options, else the <see cref="EnvironmentVariable"/> environment
/// variable, else Debian's <c>/usr/bin/chromium</c> and the other usual install paths. Playwright's own browser
/// download is never used (it needs the internet).
/// </summary>
public static class ChromiumLocator
{
    /// <summary>Environment variable that names the Chromium executable: <c>AGENTS_CHROMIUM</c>.</summary>
    public const string EnvironmentVariable = "AGENTS_CHROMIUM";

    /// <summary>
    /// Command-line flags for a headless Chromium that stays off the network: without them Chromium keeps trying to
    /// reach update, sync and component servers.
    /// </summary>
    public static IReadOnlyList<string> DefaultArguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    /// <summary>Where Chromium is looked for when neither the options nor the environment name it, in order.</summary>
    public static IReadOnlyList<string> WellKnownPaths { get; } =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/lib/chromium/chromium",
        "/snap/bin/chromium",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
    ];

    /// <summary>
    /// Returns the executable to launch.
    /// </summary>
    /// <param name="configuredPath">A path from options; when set it must exist.</param>
    /// <exception cref="FileNotFoundException">No browser was found, or the configured one does not exist; the message says how to install one.</exception>
    public static string Locate(string? configuredPath = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return File.Exists(configuredPath)
                ? configuredPath
                : throw new FileNotFoundException(
                    $"The Chromium executable '{configuredPath}' given in GuiBrowserOptions.ExecutablePath does not exist. {InstallHint}",
                    configuredPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new FileNotFoundException(
                    $"The Chromium executable '{fromEnvironment}' named by ${EnvironmentVariable} does not exist. {InstallHint}",
                    fromEnvironment);
        }

        foreach (var path in WellKnownPaths)
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"No Chromium executable was found (looked at {string.Join(", ", WellKnownPaths)}). {InstallHint}");
    }

    private const string InstallHint =
        "Install Debian's Chromium with 'sudo apt-get install -y chromium', or set GuiBrowserOptions.ExecutablePath or "
        + "$" + EnvironmentVariable + " to a Chromium or Chrome executable.";
}
