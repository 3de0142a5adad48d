using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Server.Wire;

/// <summary>
/// Writes OpenAI's wire shapes: a <c>chat.completion</c>, the <c>chat.completion.chunk</c>s of a stream, the model
/// list and the error object. Usage carries the visual-token counts the local model reports
/// (<c>visual_tokens_total</c>, <c>visual_tokens_kept</c>) next to OpenAI's token counts.
/// </summary>
internal static class ChatCompletionJson
{
    /// <summary>Writes a complete (non-streaming) answer.</summary>
    public static void WriteCompletion(Utf8JsonWriter writer, ChatResponse response, string id, long created, string model)
    {
        writer.WriteStartObject();
        WriteHeader(writer, id, "chat.completion", created, model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        var text = new StringBuilder();
        var calls = new List<FunctionCallContent>();
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent part:
                        text.Append(part.Text);
                        break;
                    case FunctionCallContent call:
                        calls.Add(call);
                        break;
                }
            }
        }

        if (calls.Count > 0 && text.Length == 0)
        {
            writer.WriteNull("content");
        }
        else
        {
            writer.WriteString("content", text.ToString());
        }

        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                WriteToolCall(writer, call, index: null);
            }

            writer.WriteEndArray();
        }

        writer.WriteNull("refusal");
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", FinishReason(response.FinishReason, calls.Count > 0));
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, response.Usage);
        writer.WriteEndObject();
    }

    /// <summary>Writes a stream chunk with one choice.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="id">The completion id (the same on every chunk).</param>
    /// <param name="created">The creation time, Unix seconds.</param>
    /// <param name="model">The model id.</param>
    /// <param name="role">Writes <c>delta.role = assistant</c> (the first chunk).</param>
    /// <param name="text">The text delta, or null.</param>
    /// <param name="calls">The tool calls of this chunk with their stream indexes, or null.</param>
    /// <param name="finishReason">The finish reason (the last content chunk), or null.</param>
    public static void WriteChunk(Utf8JsonWriter writer, string id, long created, string model, bool role, string? text, IReadOnlyList<(int Index, FunctionCallContent Call)>? calls, string? finishReason)
    {
        writer.WriteStartObject();
        WriteHeader(writer, id, "chat.completion.chunk", created, model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        if (role)
        {
            writer.WriteString("role", "assistant");
        }

        if (text is not null)
        {
            writer.WriteString("content", text);
        }

        if (calls is { Count: > 0 })
        {
            writer.WriteStartArray("tool_calls");
            foreach (var (index, call) in calls)
            {
                WriteToolCall(writer, call, index);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason");
        }
        else
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the stream's usage chunk (no choices), which comes after the finish reason.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter writer, string id, long created, string model, UsageDetails? usage)
    {
        writer.WriteStartObject();
        WriteHeader(writer, id, "chat.completion.chunk", created, model);
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>GET /v1/models</c>'s list.</summary>
    public static void WriteModels(Utf8JsonWriter writer, IEnumerable<string> models, long created, string owner)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var model in models)
        {
            writer.WriteStartObject();
            writer.WriteString("id", model);
            writer.WriteString("object", "model");
            writer.WriteNumber("created", created);
            writer.WriteString("owned_by", owner);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes OpenAI's error object.</summary>
    public static void WriteError(Utf8JsonWriter writer, string message, string type, string? param, string? code)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        WriteNullable(writer, "param", param);
        WriteNullable(writer, "code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The OpenAI finish reason of <paramref name="reason"/>.</summary>
    public static string FinishReason(ChatFinishReason? reason, bool hasToolCalls)
    {
        if (hasToolCalls || reason == ChatFinishReason.ToolCalls)
        {
            return "tool_calls";
        }

        return reason == ChatFinishReason.Length ? "length" : reason == ChatFinishReason.ContentFilter ? "content_filter" : "stop";
    }

    private static void WriteHeader(Utf8JsonWriter writer, string id, string kind, long created, string model)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", kind);
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
        writer.WriteNull("system_fingerprint");
    }

    private static void WriteToolCall(Utf8JsonWriter writer, FunctionCallContent call, int? index)
    {
        writer.WriteStartObject();
        if (index is { } i)
        {
            writer.WriteNumber("index", i);
        }

        writer.WriteString("id", string.IsNullOrEmpty(call.CallId) ? $"call_{Guid.NewGuid():N}" : call.CallId);
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", call.Name);
        writer.WriteString("arguments", JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter writer, UsageDetails? usage)
    {
        if (usage is null)
        {
            writer.WriteNull("usage");
            return;
        }

        var prompt = usage.InputTokenCount ?? 0;
        var completion = usage.OutputTokenCount ?? 0;
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", prompt);
        writer.WriteNumber("completion_tokens", completion);
        writer.WriteNumber("total_tokens", usage.TotalTokenCount ?? prompt + completion);
        foreach (var (key, value) in usage.AdditionalCounts ?? [])
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
