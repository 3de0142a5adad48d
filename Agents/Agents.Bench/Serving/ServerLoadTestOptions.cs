using System;
using System.Collections.Generic;
using System.Linq;

namespace Agents.Bench.Serving;

/// <summary>What <see cref="ServerLoadTest"/> sends: how many clients at once, how many requests each, and what each request asks.</summary>
public sealed class ServerLoadTestOptions
{
    private IReadOnlyList<int> _clients = [1, 8, 32];
    private int _requestsPerClient = 4;
    private int _maxTokens = 16;

    /// <summary>Gets or sets the concurrency levels, run in order (each at least 1). Default 1, 8 and 32.</summary>
    public IReadOnlyList<int> Clients
    {
        get => _clients;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0 || value.Any(c => c < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Clients), string.Join(",", value), "ServerLoadTestOptions.Clients needs at least one level, each at least 1 client.");
            }

            _clients = [.. value];
        }
    }

    /// <summary>Gets or sets the requests each client sends one after another at every level, at least 1. Default 4.</summary>
    public int RequestsPerClient { get => _requestsPerClient; set => _requestsPerClient = OptionChecks.AtLeast(value, 1, nameof(RequestsPerClient)); }

    /// <summary>Gets or sets the <c>max_tokens</c> of each request, at least 1. Default 16.</summary>
    public int MaxTokens { get => _maxTokens; set => _maxTokens = OptionChecks.AtLeast(value, 1, nameof(MaxTokens)); }

    /// <summary>Gets or sets the model id the requests name; null leaves <c>model</c> out.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the API key sent as a bearer token; null sends none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a PNG or JPEG sent with every request as a data URI; null sends text only.</summary>
    public ReadOnlyMemory<byte>? Image { get; set; }

    /// <summary>Gets or sets the image's media type. Default <c>image/png</c>.</summary>
    public string ImageMediaType { get; set; } = "image/png";

    /// <summary>Gets or sets whether requests stream (server-sent events) instead of waiting for one JSON answer.</summary>
    public bool Stream { get; set; }

    /// <summary>Gets or sets the user message. Default a short description request.</summary>
    public string Prompt { get; set; } = "Describe what you see in one sentence.";
}
