using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Plugins.Gui.Tests.Browser;

/// <summary>
/// A tiny HTTP server on a loopback address and a free port (System.Net.HttpListener), serving fixed HTML per path
/// and recording every request it receives.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, string> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpListenerRequest, HttpListenerResponse, string?>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    public LocalHttpServer(string address = "127.0.0.1")
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort(address);
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}/"));
            try
            {
                _listener.Start();
                BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}/"));
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Paths (with query) requested so far, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public Uri Url(string path) => new(BaseAddress, path);

    public LocalHttpServer Map(string path, string html)
    {
        _pages[path] = html;
        return this;
    }

    /// <summary>Serves <paramref name="path"/> by a handler that may set status and headers and returns the HTML (or null for none).</summary>
    public LocalHttpServer MapHandler(string path, Func<HttpListenerRequest, HttpListenerResponse, string?> handler)
    {
        _handlers[path] = handler;
        return this;
    }

    public LocalHttpServer MapRedirect(string path, string location)
    {
        _redirects[path] = location;
        return this;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url?.AbsolutePath ?? "/";
            _requests.Enqueue(context.Request.Url?.PathAndQuery ?? "/");
            var response = context.Response;
            try
            {
                if (_handlers.TryGetValue(path, out var handler))
                {
                    var body = handler(context.Request, response);
                    if (body is not null)
                    {
                        response.ContentType = "text/html; charset=utf-8";
                        var bytes = Encoding.UTF8.GetBytes(body);
                        response.ContentLength64 = bytes.Length;
                        await response.OutputStream.WriteAsync(bytes, CancellationToken.None);
                    }
                }
                else if (_redirects.TryGetValue(path, out var location))
                {
                    response.StatusCode = 302;
                    response.RedirectLocation = location;
                }
                else
                {
                    var found = _pages.TryGetValue(path, out var html);
                    response.StatusCode = found ? 200 : 404;
                    response.ContentType = "text/html; charset=utf-8";
                    var bytes = Encoding.UTF8.GetBytes(html ?? "<!doctype html><title>404</title><p>not found</p>");
                    response.ContentLength64 = bytes.Length;
                    await response.OutputStream.WriteAsync(bytes, CancellationToken.None);
                }

                response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static int FreePort(string address)
    {
        using var probe = new TcpListener(IPAddress.Parse(address), 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
