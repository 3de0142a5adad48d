using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Plugins.Gui.TestSite;

/// <summary>
/// Serves one folder's files over HTTP on 127.0.0.1 at a free port, with content types from the file extensions
/// (<c>.html</c>, <c>.css</c>, <c>.js</c>, <c>.png</c>, <c>.svg</c>, <c>.json</c>, <c>.jsonl</c>, ...). Unknown
/// extensions are not served. Read-only; dispose to stop it.
/// </summary>
public sealed class StaticFolderServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticFolderServer(WebApplication app, string folder)
    {
        _app = app;
        Folder = folder;
    }

    /// <summary>The address the folder is served at, e.g. <c>http://127.0.0.1:41234/</c>; a file's URL is this plus its relative path.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The full path of the folder served.</summary>
    public string Folder { get; }

    /// <summary>The URL of <paramref name="relativePath"/> (forward or back slashes) inside the folder.</summary>
    public Uri UrlOf(string relativePath) =>
        new(BaseAddress, string.Join('/', relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>Starts serving <paramref name="folder"/>.</summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="port">The port at 127.0.0.1; 0 (the default) picks a free one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<StaticFolderServer> StartAsync(string folder, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The folder to serve, '{folder}', does not exist; give an existing folder.");
        }

        var app = LoopbackHost.CreateBuilder(port).Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".jsonl"] = "application/jsonl";
        var files = new PhysicalFileProvider(full);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = types, ServeUnknownFileTypes = false });
        var server = new StaticFolderServer(app, full);
        server.BaseAddress = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
