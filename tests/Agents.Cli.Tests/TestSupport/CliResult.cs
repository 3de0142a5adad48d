namespace Agents.Cli.Tests.TestSupport;

/// <summary>What one run of the tool produced.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Gets a summary for assertion messages.</summary>
    public string Describe() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    /// <summary>Gets whether stderr shows an unhandled exception (a crash rather than a reported error).</summary>
    public bool Crashed => StandardError.Contains("Unhandled exception", System.StringComparison.Ordinal)
        || StandardError.Contains("   at ", System.StringComparison.Ordinal);
}
