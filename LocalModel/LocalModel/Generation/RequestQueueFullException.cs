using System;

namespace LocalModel.Generation;

/// <summary>The engine's request queue is full (<see cref="Runtime.VlmEngineOptions.MaxQueuedRequests"/>); retry later.</summary>
public sealed class RequestQueueFullException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="RequestQueueFullException"/> class.</summary>
    public RequestQueueFullException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestQueueFullException"/> class.</summary>
    public RequestQueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RequestQueueFullException"/> class.</summary>
    public RequestQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
