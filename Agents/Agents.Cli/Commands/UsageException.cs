using System;

namespace Agents.Cli.Commands;

/// <summary>Bad command-line arguments or input the tool refuses before running anything; it prints the message and exits with code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
