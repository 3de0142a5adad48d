namespace Agents.Cli;

/// <summary>The exit codes of the <c>agents</c> tool.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>A runtime failure: the input was acceptable but running it failed (ONNX Runtime, disk, a peer process).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>Bad arguments or bad input: unknown options, malformed values, missing or wrong files, requests the model cannot take.</summary>
    public const int BadInput = 2;

    /// <summary>Cancelled (Ctrl+C), as a shell reports SIGINT.</summary>
    public const int Cancelled = 130;
}
