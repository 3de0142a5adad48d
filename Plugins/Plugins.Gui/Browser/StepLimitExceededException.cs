using System;

namespace Plugins.Gui.Browser;

/// <summary>Thrown when a task has used all of its <see cref="GuiTaskOptions.MaxSteps"/>.</summary>
public sealed class StepLimitExceededException : InvalidOperationException
{
    /// <summary>Creates the exception for a task of <paramref name="maxSteps"/> steps.</summary>
    /// <param name="maxSteps">The task's limit.</param>
    /// <param name="action">The action that was refused.</param>
    public StepLimitExceededException(int maxSteps, string action)
        : base($"The step limit of {maxSteps} steps (GuiTaskOptions.MaxSteps) is used up; '{action}' was not run. End the task or start a new one with a higher MaxSteps.")
    {
        MaxSteps = maxSteps;
        Action = action;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StepLimitExceededException()
        : this(0, "unknown")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public StepLimitExceededException(string message)
        : base(message)
    {
        Action = "unknown";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StepLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        Action = "unknown";
    }

    /// <summary>The task's step limit.</summary>
    public int MaxSteps { get; }

    /// <summary>The action that was refused.</summary>
    public string Action { get; }
}
