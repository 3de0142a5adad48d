using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Server.Wire;

/// <summary>
/// Reads an OpenAI chat-completions request body into Microsoft.Extensions.AI messages and options. Every refusal is
/// an <see cref="OpenAiRequestException"/> whose <see cref="OpenAiRequestException.Param"/> is the JSON path at fault.
/// </summary>
/// <remarks>
/// Images come as <c>image_url</c> parts: <c>data:</c> URIs always, <c>http(s)</c> URLs only when
/// <paramref name="allowRemoteImages"/> (they become <see cref="UriContent"/>, which the endpoint downloads within its
/// limits before the model sees them); no other scheme (never <c>file:</c>). Fields the endpoint does not implement
/// and that change the answer (<c>n</c> above 1, <c>logprobs</c>, <c>audio</c>) are refused rather than ignored;
/// fields that only annotate (<c>user</c>, <c>store</c>, <c>metadata</c>) are ignored. The names in
/// <paramref name="extensionFields"/> (the local model's pruning options by default) are passed through in
/// <see cref="ChatOptions.AdditionalProperties"/>.
/// </remarks>
/// <param name="allowRemoteImages">Whether <c>http(s)</c> image URLs are accepted.</param>
/// <param name="extensionFields">The top-level fields passed through to the chat client as additional properties.</param>
internal sealed class ChatCompletionRequestReader(bool allowRemoteImages, IReadOnlyCollection<string> extensionFields)
{
    /// <summary>Reads <paramref name="body"/>.</summary>
    /// <param name="body">The parsed request body.</param>
    /// <returns>The request.</returns>
    /// <exception cref="OpenAiRequestException">The body is not a valid request this endpoint serves.</exception>
    public ChatCompletionRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new OpenAiRequestException($"The request body is a JSON {Kind(body)}; expected an object with 'messages'.", param: null);
        }

        var model = OptionalString(body, "model");
        var messages = ReadMessages(Required(body, "messages", path: null));
        var options = new ChatOptions { ModelId = model };
        ReadSampling(body, options);
        ReadTools(body, options);
        ReadResponseFormat(body, options);
        RefuseUnsupported(body);
        foreach (var name in extensionFields)
        {
            if (body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                (options.AdditionalProperties ??= [])[name] = value.Clone();
            }
        }

        var stream = OptionalBool(body, "stream") ?? false;
        return new ChatCompletionRequest(model, messages, options, stream);
    }

    private List<ChatMessage> ReadMessages(JsonElement messages)
    {
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new OpenAiRequestException($"'messages' is a JSON {Kind(messages)}{(messages.ValueKind == JsonValueKind.Array ? " with no items" : string.Empty)}; expected a non-empty array of {{role, content}} objects.", "messages");
        }

        var result = new List<ChatMessage>(messages.GetArrayLength());
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            result.Add(ReadMessage(message, $"messages[{index}]"));
            index++;
        }

        return result;
    }

    private ChatMessage ReadMessage(JsonElement message, string path)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new OpenAiRequestException($"'{path}' is a JSON {Kind(message)}; expected an object with 'role' and 'content'.", path);
        }

        var role = RequiredString(message, "role", path);
        var contents = new List<AIContent>();
        switch (role)
        {
            case "system" or "developer":
                ReadContent(message, path, contents, allowImages: false, required: true);
                return new ChatMessage(ChatRole.System, contents) { AuthorName = OptionalString(message, "name") };
            case "user":
                ReadContent(message, path, contents, allowImages: true, required: true);
                return new ChatMessage(ChatRole.User, contents) { AuthorName = OptionalString(message, "name") };
            case "assistant":
                ReadContent(message, path, contents, allowImages: false, required: false);
                ReadToolCalls(message, path, contents);
                if (contents.Count == 0)
                {
                    throw new OpenAiRequestException($"'{path}' (assistant) has neither 'content' nor 'tool_calls'; give one.", $"{path}.content");
                }

                return new ChatMessage(ChatRole.Assistant, contents) { AuthorName = OptionalString(message, "name") };
            case "tool":
                var callId = RequiredString(message, "tool_call_id", path);
                var text = new List<AIContent>();
                ReadContent(message, path, text, allowImages: false, required: true);
                contents.Add(new FunctionResultContent(callId, string.Concat(Texts(text))));
                return new ChatMessage(ChatRole.Tool, contents);
            default:
                throw new OpenAiRequestException($"'{path}.role' is '{role}'; expected system, developer, user, assistant or tool.", $"{path}.role");
        }
    }

    private void ReadContent(JsonElement message, string path, List<AIContent> contents, bool allowImages, bool required)
    {
        var contentPath = $"{path}.content";
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                throw new OpenAiRequestException($"'{contentPath}' is missing; expected a string or an array of content parts.", contentPath);
            }

            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(content.GetString()));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new OpenAiRequestException($"'{contentPath}' is a JSON {Kind(content)}; expected a string or an array of content parts.", contentPath);
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{contentPath}[{index}]";
            var type = part.ValueKind == JsonValueKind.Object ? RequiredString(part, "type", partPath) : throw new OpenAiRequestException($"'{partPath}' is a JSON {Kind(part)}; expected an object with 'type'.", partPath);
            switch (type)
            {
                case "text":
                    contents.Add(new TextContent(RequiredString(part, "text", partPath)));
                    break;
                case "image_url" when allowImages:
                    contents.Add(ReadImage(part, partPath));
                    break;
                case "image_url":
                    throw new OpenAiRequestException($"'{partPath}' is an image in a message whose role takes text only; put images in user messages.", partPath);
                default:
                    throw new OpenAiRequestException($"'{partPath}.type' is '{type}'; this endpoint reads 'text' and 'image_url' parts.", $"{partPath}.type");
            }

            index++;
        }
    }

    private AIContent ReadImage(JsonElement part, string path)
    {
        var imagePath = $"{path}.image_url";
        var image = Required(part, "image_url", path);
        var url = image.ValueKind switch
        {
            JsonValueKind.String => image.GetString()!,
            JsonValueKind.Object => RequiredString(image, "url", imagePath),
            _ => throw new OpenAiRequestException($"'{imagePath}' is a JSON {Kind(image)}; expected {{\"url\": \"data:image/png;base64,...\"}}.", imagePath),
        };
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            DataContent data;
            try
            {
                data = new DataContent(url);
            }
            catch (FormatException ex)
            {
                throw new OpenAiRequestException($"'{imagePath}.url' is not a valid base64 data URI ({ex.Message}); expected data:image/png;base64,<bytes>.", $"{imagePath}.url", innerException: ex);
            }

            return data.HasTopLevelMediaType("image")
                ? data
                : throw new OpenAiRequestException($"'{imagePath}.url' has the media type '{data.MediaType}'; expected an image (image/png, image/jpeg, ...).", $"{imagePath}.url");
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return allowRemoteImages
                ? new UriContent(uri, "image/*")
                : throw new OpenAiRequestException($"'{imagePath}.url' is the remote URL '{Shorten(url)}', and this server does not fetch images; send the bytes as a data URI, or start the server with remote images allowed (agents serve --allow-remote-images; OpenAiServerOptions.AllowRemoteImages).", $"{imagePath}.url");
        }

        throw new OpenAiRequestException($"'{imagePath}.url' ('{Shorten(url)}') is neither a data URI nor an http(s) URL.", $"{imagePath}.url");
    }

    private static void ReadToolCalls(JsonElement message, string path, List<AIContent> contents)
    {
        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var callsPath = $"{path}.tool_calls";
        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw new OpenAiRequestException($"'{callsPath}' is a JSON {Kind(calls)}; expected an array.", callsPath);
        }

        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = $"{callsPath}[{index}]";
            var id = RequiredString(call, "id", callPath);
            var function = Required(call, "function", callPath);
            var name = RequiredString(function, "name", $"{callPath}.function");
            var argumentsText = OptionalString(function, "arguments") ?? "{}";
            contents.Add(new FunctionCallContent(id, name, ParseArguments(argumentsText, $"{callPath}.function.arguments")));
            index++;
        }
    }

    private static Dictionary<string, object?> ParseArguments(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OpenAiRequestException($"'{path}' is a JSON {Kind(document.RootElement)}; expected a JSON object in a string.", path);
            }

            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return arguments;
        }
        catch (JsonException ex)
        {
            throw new OpenAiRequestException($"'{path}' is not valid JSON ({ex.Message}); expected a JSON object in a string.", path, innerException: ex);
        }
    }

    private static void ReadSampling(JsonElement body, ChatOptions options)
    {
        var maxTokensName = body.TryGetProperty("max_completion_tokens", out var completionTokens) && completionTokens.ValueKind != JsonValueKind.Null ? "max_completion_tokens" : "max_tokens";
        var maxTokens = OptionalInt(body, maxTokensName);
        if (maxTokens is <= 0)
        {
            throw new OpenAiRequestException($"'{maxTokensName}' is {maxTokens}; expected a positive token count.", maxTokensName);
        }

        options.MaxOutputTokens = maxTokens;
        options.Temperature = InRange(body, "temperature", 0, 2);
        options.TopP = InRange(body, "top_p", 0, 1);
        options.FrequencyPenalty = InRange(body, "frequency_penalty", -2, 2);
        options.PresencePenalty = InRange(body, "presence_penalty", -2, 2);
        if (body.TryGetProperty("seed", out var seed) && seed.ValueKind != JsonValueKind.Null)
        {
            options.Seed = seed.ValueKind == JsonValueKind.Number && seed.TryGetInt64(out var value) ? value : throw new OpenAiRequestException($"'seed' is {seed.GetRawText()}; expected an integer.", "seed");
        }

        if (body.TryGetProperty("stop", out var stop) && stop.ValueKind != JsonValueKind.Null)
        {
            options.StopSequences = stop.ValueKind switch
            {
                JsonValueKind.String => [stop.GetString()!],
                JsonValueKind.Array => ReadStrings(stop, "stop"),
                _ => throw new OpenAiRequestException($"'stop' is a JSON {Kind(stop)}; expected a string or an array of up to 4 strings.", "stop"),
            };
        }
    }

    private static void ReadTools(JsonElement body, ChatOptions options)
    {
        if (body.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                throw new OpenAiRequestException($"'tools' is a JSON {Kind(tools)}; expected an array of {{type: \"function\", function: {{name, description, parameters}}}}.", "tools");
            }

            options.Tools = [];
            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                var path = $"tools[{index}]";
                var type = RequiredString(tool, "type", path);
                if (type != "function")
                {
                    throw new OpenAiRequestException($"'{path}.type' is '{type}'; this endpoint serves 'function' tools.", $"{path}.type");
                }

                var function = Required(tool, "function", path);
                var name = RequiredString(function, "name", $"{path}.function");
                var schema = function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                    ? parameters.Clone()
                    : EmptyObjectSchema();
                options.Tools.Add(AIFunctionFactory.CreateDeclaration(name, OptionalString(function, "description"), schema));
                index++;
            }
        }

        if (OptionalBool(body, "parallel_tool_calls") is { } parallel)
        {
            options.AllowMultipleToolCalls = parallel;
        }

        if (!body.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        options.ToolMode = choice.ValueKind switch
        {
            JsonValueKind.String => choice.GetString() switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" => ChatToolMode.RequireAny,
                var other => throw new OpenAiRequestException($"'tool_choice' is '{other}'; expected none, auto, required or {{type: \"function\", function: {{name}}}}.", "tool_choice"),
            },
            JsonValueKind.Object => ChatToolMode.RequireSpecific(RequiredString(Required(choice, "function", "tool_choice"), "name", "tool_choice.function")),
            _ => throw new OpenAiRequestException($"'tool_choice' is a JSON {Kind(choice)}; expected a string or an object.", "tool_choice"),
        };
        if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } required } && !HasTool(options, required))
        {
            throw new OpenAiRequestException($"'tool_choice' names the function '{required}', which 'tools' does not declare.", "tool_choice");
        }
    }

    private static void ReadResponseFormat(JsonElement body, ChatOptions options)
    {
        if (!body.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var type = format.ValueKind == JsonValueKind.Object ? RequiredString(format, "type", "response_format") : throw new OpenAiRequestException($"'response_format' is a JSON {Kind(format)}; expected {{type: text | json_object | json_schema}}.", "response_format");
        options.ResponseFormat = type switch
        {
            "text" => ChatResponseFormat.Text,
            "json_object" => ChatResponseFormat.Json,
            "json_schema" => JsonSchemaFormat(Required(format, "json_schema", "response_format")),
            _ => throw new OpenAiRequestException($"'response_format.type' is '{type}'; expected text, json_object or json_schema.", "response_format.type"),
        };
    }

    private static ChatResponseFormatJson JsonSchemaFormat(JsonElement jsonSchema)
    {
        var schema = Required(jsonSchema, "schema", "response_format.json_schema");
        return schema.ValueKind == JsonValueKind.Object
            ? ChatResponseFormat.ForJsonSchema(schema.Clone(), OptionalString(jsonSchema, "name"), OptionalString(jsonSchema, "description"))
            : throw new OpenAiRequestException($"'response_format.json_schema.schema' is a JSON {Kind(schema)}; expected a JSON Schema object.", "response_format.json_schema.schema");
    }

    private static void RefuseUnsupported(JsonElement body)
    {
        if (OptionalInt(body, "n") is { } n && n != 1)
        {
            throw new OpenAiRequestException($"'n' is {n}; this endpoint returns one choice per request (n = 1). Send {n} requests instead.", "n");
        }

        if (OptionalBool(body, "logprobs") == true || body.TryGetProperty("top_logprobs", out var top) && top.ValueKind != JsonValueKind.Null)
        {
            throw new OpenAiRequestException("'logprobs' and 'top_logprobs' are not served: the answer's log-probability is in the chat client's additional properties, not in OpenAI's per-token form.", "logprobs");
        }

        if (body.TryGetProperty("audio", out var audio) && audio.ValueKind != JsonValueKind.Null)
        {
            throw new OpenAiRequestException("'audio' output is not served by this endpoint; it answers in text and tool calls.", "audio");
        }
    }

    private static bool HasTool(ChatOptions options, string name)
    {
        foreach (var tool in options.Tools ?? [])
        {
            if (tool.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonElement EmptyObjectSchema()
    {
        using var document = JsonDocument.Parse("""{"type":"object","properties":{}}""");
        return document.RootElement.Clone();
    }

    private static IEnumerable<string> Texts(List<AIContent> contents)
    {
        foreach (var content in contents)
        {
            if (content is TextContent text)
            {
                yield return text.Text;
            }
        }
    }

    private static List<string> ReadStrings(JsonElement array, string path)
    {
        var result = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            result.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new OpenAiRequestException($"'{path}[{result.Count}]' is a JSON {Kind(item)}; expected a string.", $"{path}[{result.Count}]"));
        }

        return result.Count <= 4 ? result : throw new OpenAiRequestException($"'{path}' has {result.Count} sequences; at most 4 are allowed.", path);
    }

    private static float? InRange(JsonElement body, string name, float min, float max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number) && number >= min && number <= max
            ? number
            : throw new OpenAiRequestException($"'{name}' is {value.GetRawText()}; expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.", name);
    }

    private static JsonElement Required(JsonElement parent, string name, string? path)
    {
        var full = path is null ? name : $"{path}.{name}";
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new OpenAiRequestException($"'{full}' is missing.", full);
    }

    private static string RequiredString(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new OpenAiRequestException($"'{path}.{name}' is a JSON {Kind(value)}; expected a string.", $"{path}.{name}");
    }

    private static string? OptionalString(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new OpenAiRequestException($"'{name}' is a JSON {Kind(value)}; expected a string.", name);
    }

    private static bool? OptionalBool(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new OpenAiRequestException($"'{name}' is {value.GetRawText()}; expected true or false.", name),
        };
    }

    private static int? OptionalInt(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw new OpenAiRequestException($"'{name}' is {value.GetRawText()}; expected an integer.", name);
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Shorten(string url) => url.Length <= 80 ? url : string.Concat(url.AsSpan(0, 77), "...");
}
