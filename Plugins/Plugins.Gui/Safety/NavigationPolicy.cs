using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Plugins.Gui.Safety;

/// <summary>
/// Decides which URLs a task's browser may load. Only <c>http:</c> and <c>https:</c> URLs of the allowed origins pass;
/// when no origin is configured, the first origin opened through <see cref="Admit"/> becomes the only allowed one.
/// Every other scheme (<c>file:</c>, <c>chrome:</c>, <c>javascript:</c>, <c>data:</c>, <c>blob:</c>, <c>about:</c>
/// other than <c>about:blank</c>/<c>about:srcdoc</c>, ...) is refused unless named in the allowed schemes:
/// <c>data:</c> and <c>blob:</c> URLs carry a whole page without a network origin, a known way around a domain
/// allowlist (browser-use). <see cref="Check(Uri)"/> has no side effects. Thread-safe.
/// </summary>
public sealed class NavigationPolicy
{
    private readonly object _gate = new();
    private readonly List<Origin> _origins = [];
    private readonly HashSet<string> _schemes;

    /// <summary>Creates a policy.</summary>
    /// <param name="allowedOrigins">
    /// Origins such as <c>https://example.test</c> or <c>http://127.0.0.1:5000</c> (a path is ignored). Null or empty:
    /// the first origin admitted becomes the allowed one.
    /// </param>
    /// <param name="allowedSchemes">
    /// Extra schemes to allow, without the colon or with it: <c>file</c>, <c>chrome</c>, <c>javascript</c>,
    /// <c>data</c>, <c>blob</c>, <c>about</c>. Null or empty: none.
    /// </param>
    /// <exception cref="ArgumentException">An origin is not an absolute http(s) URL, or a scheme is malformed.</exception>
    public NavigationPolicy(IEnumerable<string>? allowedOrigins = null, IEnumerable<string>? allowedSchemes = null)
    {
        foreach (var text in allowedOrigins ?? [])
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !IsHttp(uri))
            {
                throw new ArgumentException(
                    $"The allowed origin '{text}' is not an absolute http or https URL; write it like 'https://example.test' or 'http://127.0.0.1:5000'.",
                    nameof(allowedOrigins));
            }

            var origin = Origin.Of(uri);
            if (!_origins.Contains(origin))
            {
                _origins.Add(origin);
            }
        }

        _schemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in allowedSchemes ?? [])
        {
            var scheme = (text ?? string.Empty).Trim().TrimEnd(':').ToLowerInvariant();
            if (scheme.Length == 0 || !char.IsAsciiLetter(scheme[0]) || !scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                throw new ArgumentException(
                    $"The allowed scheme '{text}' is not a URL scheme; give a name such as 'data', 'blob' or 'file'.",
                    nameof(allowedSchemes));
            }

            _schemes.Add(scheme);
        }
    }

    /// <summary>The allowed origins, e.g. <c>http://127.0.0.1:5000</c>; empty until the first is admitted when none was configured.</summary>
    public IReadOnlyList<string> AllowedOrigins
    {
        get
        {
            lock (_gate)
            {
                return [.. _origins.Select(o => o.ToString())];
            }
        }
    }

    /// <summary>The schemes allowed beyond http and https, lower case, without the colon.</summary>
    public IReadOnlyCollection<string> AllowedSchemes => _schemes;

    /// <summary>Whether <paramref name="url"/> may be loaded, and why. Changes nothing.</summary>
    /// <param name="url">An absolute URL.</param>
    public NavigationDecision Check(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return new NavigationDecision(false, $"refused '{url}': only absolute URLs can be checked.");
        }

        var scheme = url.Scheme.ToLowerInvariant();
        if (IsHttp(url))
        {
            var origin = Origin.Of(url);
            lock (_gate)
            {
                if (_origins.Count == 0)
                {
                    return new NavigationDecision(false, $"refused {origin}: no origin has been opened yet, so none is allowed.");
                }

                return _origins.Contains(origin)
                    ? new NavigationDecision(true, $"allowed: {origin} is an allowed origin.")
                    : new NavigationDecision(
                        false,
                        $"refused {origin}: it is not an allowed origin (allowed: {string.Join(", ", _origins)}); add it to GuiTaskOptions.AllowedOrigins to allow it.");
            }
        }

        if (scheme == "about" && url.AbsolutePath is "blank" or "srcdoc")
        {
            return new NavigationDecision(true, $"allowed: about:{url.AbsolutePath} is an empty page.");
        }

        if (_schemes.Contains(scheme))
        {
            return new NavigationDecision(true, $"allowed: the {scheme}: scheme is explicitly allowed.");
        }

        var why = scheme switch
        {
            "data" or "blob" => " (it carries a whole page without a network origin, a known way around an origin allowlist)",
            "javascript" => " (it runs script instead of loading a page)",
            "file" => " (it reads this machine's files)",
            "chrome" or "chrome-extension" or "devtools" => " (it opens the browser's internal pages)",
            _ => string.Empty,
        };
        return new NavigationDecision(
            false,
            $"refused the {scheme}: scheme{why}; only http and https are allowed unless GuiTaskOptions.AllowedSchemes names it.");
    }

    /// <summary>
    /// Checks a URL the caller asked to open. When no origin is allowed yet and <paramref name="url"/> is http(s), its
    /// origin becomes the allowed origin first (the first origin opened); otherwise this is <see cref="Check(Uri)"/>.
    /// </summary>
    /// <param name="url">An absolute URL.</param>
    public NavigationDecision Admit(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsAbsoluteUri && IsHttp(url))
        {
            lock (_gate)
            {
                if (_origins.Count == 0)
                {
                    var origin = Origin.Of(url);
                    _origins.Add(origin);
                    return new NavigationDecision(true, $"allowed: {origin} is the first origin opened, so it is now the allowed origin.");
                }
            }
        }

        return Check(url);
    }

    /// <summary>Parses and checks a URL string; a string that is not an absolute URL is refused.</summary>
    /// <param name="url">The URL text, e.g. a request's URL.</param>
    public NavigationDecision Check(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? Check(uri)
            : new NavigationDecision(false, $"refused '{url}': it is not an absolute URL.");

    private static bool IsHttp(Uri uri) =>
        uri.Scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)
        || uri.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    private readonly record struct Origin(string Scheme, string Host, int Port)
    {
        public static Origin Of(Uri uri) => new(uri.Scheme.ToLowerInvariant(), uri.IdnHost.ToLowerInvariant(), uri.Port);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Scheme}://{Host}:{Port}");
    }
}
