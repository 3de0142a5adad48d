using System.Collections.Generic;

namespace Agents.Cli.Tests.TestSupport;

/// <summary>How to start one run of the tool beyond its arguments.</summary>
internal sealed class CliRun
{
    /// <summary>Gets the text written to the tool's standard input (then closed), or null to leave stdin alone.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Gets environment variables set for the run.</summary>
    public Dictionary<string, string> Environment { get; init; } = new();
}
