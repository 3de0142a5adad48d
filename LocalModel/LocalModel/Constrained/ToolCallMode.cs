namespace LocalModel.Constrained;

/// <summary>Whether the model may answer in text or must call a tool (<see cref="ToolCallConstraint"/>).</summary>
public enum ToolCallMode
{
    /// <summary>Plain text or tool calls: once the output (after leading whitespace) starts with <c>&lt;tool_call&gt;</c> it is constrained; output that leaves that prefix is free text.</summary>
    Auto,

    /// <summary>One or more tool calls only: the output must start with <c>&lt;tool_call&gt;</c> (after leading whitespace).</summary>
    Required,
}
