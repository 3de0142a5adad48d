using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>
/// Reads tool calls in the <see cref="ToolCallFormat"/> from model output, constrained or not. Stateless and thread-safe.
/// </summary>
public static class ToolCallParser
{
    /// <summary>
    /// Finds every <c>&lt;tool_call&gt;...&lt;/tool_call&gt;</c> block in <paramref name="text"/> and reads its
    /// <c>{"name": string, "arguments": object}</c>. Whitespace inside the tags is ignored; <c>"arguments"</c> may be
    /// omitted (an empty object) or be a string holding a JSON object; other members are ignored. Text outside the
    /// blocks is not examined: output without an opening tag is plain text and gives no calls.
    /// </summary>
    /// <param name="text">The model output.</param>
    /// <param name="calls">The calls in order; empty when there are none or on failure.</param>
    /// <param name="error">Why a block could not be read, naming its position; null on success.</param>
    /// <returns><see langword="true"/> when every block was read (or there are none); <see langword="false"/> when any block is malformed, in which case no call is returned.</returns>
    public static bool TryParse(string text, out IReadOnlyList<ParsedToolCall> calls, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        calls = [];
        var found = new List<ParsedToolCall>();
        var position = 0;
        while (true)
        {
            var open = text.IndexOf(ToolCallFormat.OpenTag, position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var start = open + ToolCallFormat.OpenTag.Length;
            var close = text.IndexOf(ToolCallFormat.CloseTag, start, StringComparison.Ordinal);
            if (close < 0)
            {
                error = Invariant($"The tool call at offset {open} has no closing {ToolCallFormat.CloseTag}.");
                return false;
            }

            if (!TryReadCall(text.AsSpan(start, close - start).Trim(), out var call, out var reason))
            {
                error = Invariant($"The tool call at offset {open} is malformed: {reason}");
                return false;
            }

            found.Add(call!);
            position = close + ToolCallFormat.CloseTag.Length;
        }

        calls = found;
        error = null;
        return true;
    }

    private static bool TryReadCall(ReadOnlySpan<char> body, out ParsedToolCall? call, out string reason)
    {
        call = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToString());
        }
        catch (JsonException e)
        {
            reason = "not valid JSON (" + e.Message + ")";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "expected a JSON object with \"name\" and \"arguments\", found " + root.ValueKind + ".";
                return false;
            }

            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
            {
                reason = "\"name\" must be a non-empty string.";
                return false;
            }

            if (!root.TryGetProperty("arguments", out var arguments))
            {
                using var empty = JsonDocument.Parse("{}");
                call = new ParsedToolCall(name.GetString()!, empty.RootElement);
                reason = string.Empty;
                return true;
            }

            if (arguments.ValueKind == JsonValueKind.String)
            {
                // Some models write the arguments as a JSON string (OpenAI wire style).
                try
                {
                    using var inner = JsonDocument.Parse(arguments.GetString()!);
                    if (inner.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        call = new ParsedToolCall(name.GetString()!, inner.RootElement);
                        reason = string.Empty;
                        return true;
                    }
                }
                catch (JsonException)
                {
                    // Reported below.
                }

                reason = "\"arguments\" is a string that does not hold a JSON object.";
                return false;
            }

            if (arguments.ValueKind != JsonValueKind.Object)
            {
                reason = "\"arguments\" must be a JSON object, found " + arguments.ValueKind + ".";
                return false;
            }

            call = new ParsedToolCall(name.GetString()!, arguments);
            reason = string.Empty;
            return true;
        }
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
