using System;

namespace Agents.Cli.Commands;

/// <summary>Bad command-line arguments; the tool prints the message with usage and exits with code 2.</summary>
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
