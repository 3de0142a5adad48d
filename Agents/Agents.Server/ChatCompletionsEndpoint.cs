using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Agents.Server.Wire;
using LocalModel.Generation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Agents.Server;

/// <summary>
/// <c>POST /v1/chat/completions</c> over an <see cref="IChatClient"/>: reads the OpenAI body, admits it through the
/// <see cref="RequestGate"/>, runs it under the request timeout and answers JSON or server-sent events. Every failure
/// becomes an OpenAI error object with the right status (400, 404, 413, 429, 504, 500); none escapes to the host.
/// </summary>
internal sealed partial class ChatCompletionsEndpoint(
    IChatClient client,
    OpenAiServerOptions options,
    RequestGate gate,
    ServerMetrics metrics,
    RemoteImageFetcher images,
    ILogger<ChatCompletionsEndpoint> logger)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly ChatCompletionRequestReader _reader = new(options.AllowRemoteImages, [.. options.ExtensionFields]);

    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>A task that completes when the answer is written.</returns>
    public async Task HandleAsync(HttpContext context)
    {
        var elapsed = Stopwatch.StartNew();
        var stream = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            var request = await ReadAsync(context, timeout.Token).ConfigureAwait(false);
            stream = request.Stream;
            using var slot = await gate.EnterAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new OpenAiRequestException($"The server is busy: {options.MaxConcurrentRequests} requests are running and {options.MaxQueuedRequests} waiting. Retry later.", param: null, StatusCodes.Status429TooManyRequests, "rate_limit_error", "queue_full");
            metrics.Started();
            try
            {
                await images.FetchAsync(request.Messages, timeout.Token).ConfigureAwait(false);
                var id = $"chatcmpl-{Guid.NewGuid():N}";
                var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                if (request.Stream)
                {
                    await StreamAsync(context, request, id, created, timeout.Token).ConfigureAwait(false);
                }
                else
                {
                    var response = await client.GetResponseAsync(request.Messages, request.Options, timeout.Token).ConfigureAwait(false);
                    metrics.Served(response.Usage);
                    await WriteJsonAsync(context, StatusCodes.Status200OK, writer => ChatCompletionJson.WriteCompletion(writer, response, response.ResponseId ?? id, response.CreatedAt?.ToUnixTimeSeconds() ?? created, options.ModelId)).ConfigureAwait(false);
                }
            }
            finally
            {
                metrics.Stopped();
            }
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException)
        {
            LogClientGone(logger, context.TraceIdentifier);
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
        }
        catch (Exception ex)
        {
            await FailAsync(context, Classify(ex, timeout.IsCancellationRequested)).ConfigureAwait(false);
        }
        finally
        {
            metrics.Answered(context.Response.StatusCode, stream, elapsed);
        }
    }

    private async Task<ChatCompletionRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > options.MaxRequestBytes)
        {
            throw TooLarge(context.Request.ContentLength.Value);
        }

        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new OpenAiRequestException($"The request's Content-Type is '{context.Request.ContentType ?? "(none)"}'; send application/json.", param: null, StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken).ConfigureAwait(false);
            var request = _reader.Read(document.RootElement);
            if (request.Model is { } model && !string.Equals(model, options.ModelId, StringComparison.Ordinal))
            {
                throw new OpenAiRequestException($"The model '{model}' does not exist here; this server serves '{options.ModelId}' (see GET /v1/models).", "model", StatusCodes.Status404NotFound, OpenAiRequestException.InvalidRequestType, "model_not_found");
            }

            return request;
        }
        catch (JsonException ex)
        {
            throw new OpenAiRequestException($"The request body is not valid JSON: {ex.Message}", param: null, innerException: ex);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(length: null);
        }
    }

    private async Task StreamAsync(HttpContext context, ChatCompletionRequest request, string id, long created, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer);
        var first = true;
        var callIndex = 0;
        var hasCalls = false;
        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        var calls = new List<(int, FunctionCallContent)>();
        await foreach (var update in client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false))
        {
            if (first)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache";
            }

            string? text = null;
            calls.Clear();
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent part when part.Text.Length > 0:
                        text = text is null ? part.Text : string.Concat(text, part.Text);
                        break;
                    case FunctionCallContent call:
                        calls.Add((callIndex++, call));
                        hasCalls = true;
                        break;
                    case UsageContent used:
                        usage = used.Details;
                        break;
                }
            }

            finish = update.FinishReason ?? finish;
            if (first || text is not null || calls.Count > 0)
            {
                await WriteEventAsync(response, buffer, writer, w => ChatCompletionJson.WriteChunk(w, id, created, options.ModelId, first, text, calls, finishReason: null), cancellationToken).ConfigureAwait(false);
                first = false;
            }
        }

        metrics.Served(usage);
        var reason = ChatCompletionJson.FinishReason(finish, hasCalls);
        await WriteEventAsync(response, buffer, writer, w => ChatCompletionJson.WriteChunk(w, id, created, options.ModelId, role: first, text: null, calls: null, reason), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync(response, buffer, writer, w => ChatCompletionJson.WriteUsageChunk(w, id, created, options.ModelId, usage), cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(Done, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteEventAsync(HttpResponse response, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        write(writer);
        writer.Flush();
        await response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private OpenAiRequestException Classify(Exception ex, bool timedOut)
    {
        switch (ex)
        {
            case OpenAiRequestException request:
                return request;
            case OperationCanceledException when timedOut:
                return new OpenAiRequestException($"The request took longer than the server's limit of {options.RequestTimeout.TotalSeconds:0.#} s.", param: null, StatusCodes.Status504GatewayTimeout, "timeout_error", "timeout", ex);
            case RequestQueueFullException:
                return new OpenAiRequestException($"The model's request queue is full. Retry later. ({ex.Message})", param: null, StatusCodes.Status429TooManyRequests, "rate_limit_error", "queue_full", ex);
            case ArgumentException or NotSupportedException or InvalidDataException:
                // The chat client's refusals of this request's content or options (an unknown pruning method, an
                // image it cannot decode, a prompt longer than the context); their messages name the input.
                return new OpenAiRequestException(ex.Message, param: (ex as ArgumentException)?.ParamName, innerException: ex);
            default:
                LogFailed(logger, ex);
                return new OpenAiRequestException($"The server failed to answer ({ex.GetType().Name}); its log has the details.", param: null, StatusCodes.Status500InternalServerError, "server_error", innerException: ex);
        }
    }

    private async Task FailAsync(HttpContext context, OpenAiRequestException error)
    {
        if (error.StatusCode < 500)
        {
            LogRefused(logger, error.StatusCode, error.Message);
        }

        if (context.Response.HasStarted)
        {
            // Mid-stream: the status is sent, so the error travels as a last event, as OpenAI's own stream does.
            try
            {
                var buffer = new ArrayBufferWriter<byte>(512);
                using var writer = new Utf8JsonWriter(buffer);
                await WriteEventAsync(context.Response, buffer, writer, w => ChatCompletionJson.WriteError(w, error.Message, error.ErrorType, error.Param, error.Code), context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                LogClientGone(logger, context.TraceIdentifier);
            }

            return;
        }

        if (error.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        await WriteJsonAsync(context, error.StatusCode, writer => ChatCompletionJson.WriteError(writer, error.Message, error.ErrorType, error.Param, error.Code)).ConfigureAwait(false);
    }

    /// <summary>Writes a JSON body with <paramref name="status"/>.</summary>
    internal static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private OpenAiRequestException TooLarge(long? length) =>
        new($"The request body{(length is { } n ? $" ({n} bytes)" : string.Empty)} is larger than the server's limit of {options.MaxRequestBytes} bytes; send smaller images or raise the limit.", param: null, StatusCodes.Status413PayloadTooLarge, OpenAiRequestException.InvalidRequestType, "request_too_large");

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a chat-completion request with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A chat-completion request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client of request {TraceId} went away before its answer")]
    private static partial void LogClientGone(ILogger logger, string traceId);
}
