using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Agents.Server.Wire;
using Microsoft.Extensions.AI;

namespace Agents.Server;

/// <summary>
/// Replaces the http(s) images of a request (<see cref="UriContent"/>, admitted only when remote images are allowed)
/// by their bytes, refusing a download that is not an image or exceeds the size limit.
/// </summary>
internal sealed class RemoteImageFetcher(HttpClient http, long maxBytes)
{
    /// <summary>Downloads every remote image in <paramref name="messages"/> in place.</summary>
    /// <exception cref="OpenAiRequestException">A download failed, is too large or is not an image.</exception>
    public async Task FetchAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        for (var m = 0; m < messages.Count; m++)
        {
            var contents = messages[m].Contents;
            for (var c = 0; c < contents.Count; c++)
            {
                if (contents[c] is UriContent uri)
                {
                    contents[c] = await DownloadAsync(uri.Uri, $"messages[{m}].content", cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<DataContent> DownloadAsync(Uri uri, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new OpenAiRequestException($"The image '{uri}' in '{path}' answered HTTP {(int)response.StatusCode}.", path);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                throw new OpenAiRequestException($"The URL '{uri}' in '{path}' serves '{mediaType}', not an image.", path);
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(uri, path);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw TooLarge(uri, path);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return new DataContent(buffer.ToArray(), mediaType);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new OpenAiRequestException($"The image '{uri}' in '{path}' could not be downloaded: {ex.Message}", path, innerException: ex);
        }
    }

    private OpenAiRequestException TooLarge(Uri uri, string path) =>
        new($"The image '{uri}' in '{path}' is larger than the server's limit of {maxBytes} bytes.", path, statusCode: 413);
}
