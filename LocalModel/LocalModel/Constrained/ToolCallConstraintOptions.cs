using System;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>Options of a <see cref="ToolCallConstraint"/>. Validated when the constraint is built, which copies them.</summary>
public sealed class ToolCallConstraintOptions
{
    /// <summary>Gets or sets the one tool the model must call, or <see langword="null"/> (default) for any offered tool.</summary>
    public string? RequiredToolName { get; set; }

    /// <summary>Gets or sets the most tool calls in one output; after that many only the end may follow. Default 8.</summary>
    public int MaxToolCalls { get; set; } = 8;

    /// <summary>
    /// Gets or sets whether, in <see cref="ToolCallMode.Auto"/>, the answer that is not a call must be one JSON value
    /// (the JSON response format next to tools) instead of free text: a JSON object, or a value of
    /// <see cref="JsonAnswerSchema"/> when set. Ignored in <see cref="ToolCallMode.Required"/>. Default false.
    /// </summary>
    public bool JsonAnswer { get; set; }

    /// <summary>Gets or sets the schema of the JSON answer (<see cref="JsonAnswer"/>); null (default) for any JSON object.</summary>
    public JsonElement? JsonAnswerSchema { get; set; }

    /// <summary>
    /// Gets or sets whether one <c>\n</c> may follow <c>&lt;tool_call&gt;</c> and precede <c>&lt;/tool_call&gt;</c>:
    /// Qwen2.5's <c>&lt;tool_call&gt;\n{...}\n&lt;/tool_call&gt;</c>. Default false: the call follows the tag directly, as
    /// the <c>llava-v1</c> and <c>chatml</c> templates show it (a model trained on that form is not offered a newline).
    /// </summary>
    public bool NewlinesInsideTags { get; set; }

    /// <summary>Gets or sets the caps on the JSON inside calls. Default: a new <see cref="JsonGrammarOptions"/> (its defaults).</summary>
    public JsonGrammarOptions Json { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxToolCalls);
        ArgumentNullException.ThrowIfNull(Json);
        if (RequiredToolName is { Length: 0 })
        {
            throw new ArgumentException("RequiredToolName must be null or a tool name.", nameof(RequiredToolName));
        }

        Json.Validate();
    }
}
