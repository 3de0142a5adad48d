using System;
using System.IO;
using LocalModel.Generation;
using LocalModel.Imaging;
using LocalModel.Packaging;

namespace Agents.Cli.Tests;

/// <summary>The one mapping from exceptions to exit codes and printed messages.</summary>
public class CliErrorsTests
{
    [Fact]
    public void Message_ArgumentExceptionWithParameterName_HasNoParameterSuffix()
    {
        // Arrange
        var exception = new ArgumentException("The prompt needs 9000 positions but the model's context is 2048.", "request");

        // Act
        var message = CliErrors.Message(exception);

        // Assert
        Assert.Equal("The prompt needs 9000 positions but the model's context is 2048.", message);
    }

    [Fact]
    public void Message_ArgumentOutOfRangeException_HasNoParameterSuffix()
    {
        var message = CliErrors.Message(new ArgumentOutOfRangeException("options", "Budget must be positive."));

        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
        Assert.StartsWith("Budget must be positive.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCode_BadInputs_AreTwo()
    {
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new ArgumentException("x", "request")));
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new ArgumentOutOfRangeException("x")));
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new ImageDecodeException("bad image")));
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new ModelPackageException("bad package")));
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new FileNotFoundException("missing")));
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new DirectoryNotFoundException("missing")));
        Assert.Equal(ExitCodes.BadInput, CliErrors.ExitCode(new InvalidDataException("malformed")));
    }

    [Fact]
    public void ExitCode_RuntimeFailures_AreOne()
    {
        Assert.Equal(ExitCodes.RuntimeFailure, CliErrors.ExitCode(new RequestQueueFullException("full")));
        Assert.Equal(ExitCodes.RuntimeFailure, CliErrors.ExitCode(new InvalidOperationException("failed")));
        Assert.Equal(ExitCodes.RuntimeFailure, CliErrors.ExitCode(new IOException("disk full")));
    }

    [Fact]
    public void ExitCode_Cancelled_Is130()
    {
        Assert.Equal(ExitCodes.Cancelled, CliErrors.ExitCode(new OperationCanceledException()));
    }

    [Fact]
    public void ExitCode_Bug_IsOneAndNotExpected()
    {
        var bug = new NullReferenceException();

        Assert.Equal(ExitCodes.RuntimeFailure, CliErrors.ExitCode(bug));
        Assert.False(CliErrors.IsExpected(bug));
    }
}
