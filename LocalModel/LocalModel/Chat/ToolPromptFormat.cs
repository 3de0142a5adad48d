using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LocalModel.Chat;

/// <summary>
/// The tool-calling format of the <c>llava-v1</c> and <c>chatml</c> templates (documented in <c>Chat/README.md</c>;
/// <c>qwen2.5-vl</c> renders Qwen2.5's own tool section around the same <c>&lt;tool_call&gt;</c> tags): a <c># Tools</c>
/// section at the end of the system prompt lists each tool as one JSON line
/// <c>{"name":...,"description":...,"parameters":{JSON schema}}</c>; the model calls tools with
/// <c>&lt;tool_call&gt;{"name":...,"arguments":{...}}&lt;/tool_call&gt;</c> blocks, and results come back as
/// <c>&lt;tool_response&gt;{"name":...,"content":...}&lt;/tool_response&gt;</c> blocks. Custom templates can reuse it.
/// </summary>
public static class ToolPromptFormat
{
    /// <summary>The marker that opens a tool call in model output.</summary>
    public const string ToolCallStart = LocalModel.Constrained.ToolCallFormat.OpenTag;

    /// <summary>The marker that closes a tool call.</summary>
    public const string ToolCallEnd = LocalModel.Constrained.ToolCallFormat.CloseTag;

    /// <summary>The marker that opens a tool result.</summary>
    public const string ToolResponseStart = "<tool_response>";

    /// <summary>The marker that closes a tool result.</summary>
    public const string ToolResponseEnd = "</tool_response>";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Appends the tool section of the system prompt: a blank line, <c># Tools</c>, one JSON line per tool and the
    /// calling instructions (including that a call is required, when it is).
    /// </summary>
    /// <param name="builder">The prompt builder.</param>
    /// <param name="tools">The tools; nothing is appended when empty.</param>
    /// <param name="choice">Whether a call is required.</param>
    /// <param name="requiredToolName">The one tool that must be called, or null.</param>
    public static void AppendToolInstructions(ChatPromptBuilder builder, IReadOnlyList<ChatToolDescription> tools, ChatToolChoice choice, string? requiredToolName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0)
        {
            return;
        }

        builder.AppendControl("\n\n# Tools\nOne JSON line per tool: name, description, parameters schema.\n");
        foreach (var tool in tools)
        {
            builder.AppendLiteral(FormatToolDescription(tool)).AppendControl("\n");
        }

        builder.AppendControl($"Call tools with {ToolCallStart}{{\"name\":...,\"arguments\":{{...}}}}{ToolCallEnd}, one block per call; results come back in {ToolResponseStart} blocks.");
        if (choice == ChatToolChoice.Required && requiredToolName is not null)
        {
            builder.AppendControl(" You must call \"").AppendLiteral(requiredToolName).AppendControl("\" now.");
        }
        else if (choice == ChatToolChoice.Required)
        {
            builder.AppendControl(" You must call a tool now.");
        }
        else
        {
            builder.AppendControl(" Answer directly if no tool is needed.");
        }
    }

    /// <summary>Appends one tool call as the model writes it: <c>&lt;tool_call&gt;{"name":...,"arguments":{...}}&lt;/tool_call&gt;</c>.</summary>
    /// <param name="builder">The prompt builder.</param>
    /// <param name="call">The call.</param>
    public static void AppendToolCall(ChatPromptBuilder builder, ChatTemplateToolCall call)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(call);
        builder.AppendControl(ToolCallStart).AppendLiteral(FormatToolCall(call.Name, call.ArgumentsJson)).AppendControl(ToolCallEnd);
    }

    /// <summary>Appends one tool result: <c>&lt;tool_response&gt;{"name":...,"content":...}&lt;/tool_response&gt;</c>.</summary>
    /// <param name="builder">The prompt builder.</param>
    /// <param name="result">The result.</param>
    public static void AppendToolResult(ChatPromptBuilder builder, ChatTemplateToolResult result)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(result);
        builder.AppendControl(ToolResponseStart).AppendLiteral(Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", result.Name);
            w.WritePropertyName("content");
            w.WriteRawValue(result.ContentJson);
            w.WriteEndObject();
        })).AppendControl(ToolResponseEnd);
    }

    /// <summary>Formats a tool as its line in the tool section: <c>{"name":...,"description":...,"parameters":{...}}</c>.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>Compact JSON.</returns>
    public static string FormatToolDescription(ChatToolDescription tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", tool.Name);
            w.WriteString("description", tool.Description);
            w.WritePropertyName("parameters");
            tool.ParametersSchema.WriteTo(w);
            w.WriteEndObject();
        });
    }

    /// <summary>Formats the body of a tool call: <c>{"name":...,"arguments":{...}}</c>.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments, a JSON object.</param>
    /// <returns>Compact JSON.</returns>
    public static string FormatToolCall(string name, string argumentsJson)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WritePropertyName("arguments");
            w.WriteRawValue(argumentsJson);
            w.WriteEndObject();
        });
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
