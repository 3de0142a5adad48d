using System;
using System.Collections.Generic;
using LocalModel.Chat;

namespace Agents.Server;

/// <summary>Options of the OpenAI-compatible endpoint: binding, authentication, limits and what it accepts.</summary>
public sealed class OpenAiServerOptions
{
    /// <summary>Gets or sets the address to bind. Default 127.0.0.1 (loopback only); use 0.0.0.0 behind a load balancer.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the TCP port; 0 picks a free one (see <see cref="OpenAiServer.Urls"/>). Default 8080.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>
    /// Gets or sets the API key clients send as <c>Authorization: Bearer &lt;key&gt;</c>; null or empty serves without
    /// authentication. <c>/health</c> never needs it.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model id <c>/v1/models</c> lists and answers carry. Default <c>agents-mini</c>.</summary>
    public string ModelId { get; set; } = "agents-mini";

    /// <summary>Gets or sets the largest request body in bytes (images travel base64 inside it); larger gets 413. Default 16 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Gets or sets how long one request may take, queueing included; longer gets 504. Default 5 minutes.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how many requests run at once. They share the engine, which batches their decode steps, so this is
    /// the batch the server feeds it. Default 8.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Gets or sets how many requests may wait for a slot; one more gets 429. Default 32.</summary>
    public int MaxQueuedRequests { get; set; } = 32;

    /// <summary>Gets or sets whether <c>image_url</c> parts may be http(s) URLs, which the server then downloads. Default false (data URIs only).</summary>
    public bool AllowRemoteImages { get; set; }

    /// <summary>Gets or sets the largest image the server downloads, in bytes. Default 8 MiB.</summary>
    public long MaxRemoteImageBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Gets the top-level request fields passed through to the chat client in <c>ChatOptions.AdditionalProperties</c>.
    /// Default: the local model's per-request settings (<c>pruning_method</c>, <c>visual_token_budget</c>, ...).
    /// </summary>
    public ISet<string> ExtensionFields { get; } = new HashSet<string>(ExtensionDefaults(), StringComparer.Ordinal);

    /// <summary>Throws when an option is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("OpenAiServerOptions.Host is empty; give an address such as 127.0.0.1.", nameof(Host));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"OpenAiServerOptions.Port is {Port}; expected 0 (any free port) to 65535.", nameof(Port));
        }

        if (string.IsNullOrWhiteSpace(ModelId))
        {
            throw new ArgumentException("OpenAiServerOptions.ModelId is empty.", nameof(ModelId));
        }

        if (MaxRequestBytes <= 0 || MaxRemoteImageBytes <= 0)
        {
            throw new ArgumentException($"OpenAiServerOptions.MaxRequestBytes ({MaxRequestBytes}) and MaxRemoteImageBytes ({MaxRemoteImageBytes}) must be positive.", nameof(MaxRequestBytes));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"OpenAiServerOptions.RequestTimeout is {RequestTimeout}; expected a positive time.", nameof(RequestTimeout));
        }

        if (MaxConcurrentRequests < 1 || MaxQueuedRequests < 0)
        {
            throw new ArgumentException($"OpenAiServerOptions.MaxConcurrentRequests ({MaxConcurrentRequests}) must be at least 1 and MaxQueuedRequests ({MaxQueuedRequests}) at least 0.", nameof(MaxConcurrentRequests));
        }
    }

    private static IEnumerable<string> ExtensionDefaults()
    {
        foreach (var key in LocalVlmRequestSettings.Keys)
        {
            // 'logprobs' is OpenAI's own field with another meaning (per-token output); the reader refuses it.
            if (key != LocalVlmRequestSettings.LogProbabilitiesKey)
            {
                yield return key;
            }
        }
    }
}
