namespace LocalModel.Constrained;

/// <summary>
/// The tool-call format models are prompted with, constrained to and parsed from:
/// <c>&lt;tool_call&gt;{"name": "get_weather", "arguments": {"city": "Paris"}}&lt;/tool_call&gt;</c>, several calls separated by one
/// newline; with <see cref="ToolCallConstraintOptions.NewlinesInsideTags"/> one newline may follow the opening tag and precede the closing one (Qwen2.5's
/// <c>&lt;tool_call&gt;\n{...}\n&lt;/tool_call&gt;</c>). See <c>Constrained/README.md</c>.
/// </summary>
public static class ToolCallFormat
{
    /// <summary>The tag that opens a tool call.</summary>
    public const string OpenTag = "<tool_call>";

    /// <summary>The tag that closes a tool call.</summary>
    public const string CloseTag = "</tool_call>";

    /// <summary>The separator between consecutive tool calls.</summary>
    public const string Separator = "\n";
}
