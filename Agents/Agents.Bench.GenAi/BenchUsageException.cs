using System;

namespace Agents.Bench.GenAi;

/// <summary>A command-line argument is missing, unknown or malformed (exit code 2).</summary>
internal sealed class BenchUsageException : Exception
{
    /// <summary>Initializes a new instance with a message naming the argument and what was expected.</summary>
    public BenchUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with no message.</summary>
    public BenchUsageException()
    {
    }

    /// <summary>Initializes a new instance with a message and the underlying cause.</summary>
    public BenchUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
