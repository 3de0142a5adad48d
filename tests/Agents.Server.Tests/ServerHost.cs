using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests;

/// <summary>An <see cref="OpenAiServer"/> started on a free loopback port for one test, with a plain HTTP client.</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private ServerHost(OpenAiServer server)
    {
        Server = server;
        BaseUri = server.Urls[0];
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public OpenAiServer Server { get; }

    /// <summary>Gets the server's root, such as http://127.0.0.1:40123/.</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets the OpenAI base address clients take (the root plus <c>v1</c>).</summary>
    public Uri V1 => new(BaseUri, "v1");

    public HttpClient Http { get; }

    public static async Task<ServerHost> StartAsync(IChatClient client, Action<OpenAiServerOptions>? configure = null)
    {
        var options = new OpenAiServerOptions { Port = 0, ModelId = "tiny-llava" };
        configure?.Invoke(options);
        var server = OpenAiServer.Create(client, options);
        await server.StartAsync();
        return new ServerHost(server);
    }

    /// <summary>Posts <paramref name="json"/> to <c>/v1/chat/completions</c>, with <paramref name="apiKey"/> as a bearer token when given.</summary>
    public Task<HttpResponseMessage> PostChatAsync(string json, string? apiKey = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, mediaType) };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Reads an OpenAI error body: its status, <c>error.type</c>, <c>error.param</c> and <c>error.message</c>.</summary>
    public static async Task<(int Status, string? Type, string? Param, string Message)> ReadErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = document.RootElement.GetProperty("error");
        return ((int)response.StatusCode,
            error.TryGetProperty("type", out var type) ? type.GetString() : null,
            error.TryGetProperty("param", out var param) && param.ValueKind == JsonValueKind.String ? param.GetString() : null,
            error.GetProperty("message").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
