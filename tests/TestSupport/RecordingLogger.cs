using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Agents.TestSupport;

/// <summary>An <see cref="ILogger"/> and <see cref="ILoggerFactory"/> that keeps every message.</summary>
public sealed class RecordingLogger : ILogger, ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
