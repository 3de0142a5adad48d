using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Agents.Cli.Commands;
using LocalModel.Generation;
using LocalModel.Imaging;
using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;

namespace Agents.Cli;

/// <summary>Maps the exceptions a command can end with to an exit code and the message the tool prints.</summary>
internal static partial class CliErrors
{
    /// <summary>Returns the exit code for <paramref name="exception"/>: 130 cancelled, 2 bad input, else 1.</summary>
    public static int ExitCode(Exception exception) => exception switch
    {
        OperationCanceledException => ExitCodes.Cancelled,

        // Bad input: what the user gave cannot be used (arguments, files, the request itself).
        UsageException or ArgumentException or ImageDecodeException or ModelPackageException or InvalidDataException
            or FileNotFoundException or DirectoryNotFoundException => ExitCodes.BadInput,

        // The engine's queue is full: the input was fine, the moment was not; a retry may succeed.
        RequestQueueFullException => ExitCodes.RuntimeFailure,

        // ONNX Runtime, disk, the GenAI peer, and bugs (which also print their stack trace).
        _ => ExitCodes.RuntimeFailure,
    };

    /// <summary>Returns whether <paramref name="exception"/> is an expected failure (its message is enough) rather than a bug (print its stack trace).</summary>
    public static bool IsExpected(Exception exception) =>
        ExitCode(exception) != ExitCodes.RuntimeFailure
        || exception is RequestQueueFullException or IOException or InvalidOperationException or UnauthorizedAccessException or KeyNotFoundException or NotSupportedException or OnnxRuntimeException;

    /// <summary>The message to print for <paramref name="exception"/>, without .NET's " (Parameter 'name')" suffix.</summary>
    public static string Message(Exception exception) => StripParameterName(exception.Message);

    /// <summary>Removes a trailing " (Parameter '...')" that <see cref="ArgumentException.Message"/> appends; the one place this is done.</summary>
    public static string StripParameterName(string message) => ParameterSuffix().Replace(message, string.Empty);

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();
}
