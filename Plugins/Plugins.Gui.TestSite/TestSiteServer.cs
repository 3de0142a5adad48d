using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Plugins.Gui.TestSite;

/// <summary>
/// The local test web application: <c>/</c> sign in (user name, password, "Remember me", "Forgot password?"),
/// <c>/form</c> (full name, email, a plan dropdown, interest checkboxes, a start date, an icon toolbar over a message,
/// "I accept the terms", a "Review" button opening a modal confirm dialog with "Confirm" and "Cancel"), and
/// <c>/done</c> listing the submitted values. Kestrel listens on 127.0.0.1 only, in this process; sessions are a
/// cookie, state is in memory. Thread-safe; dispose to stop it.
/// </summary>
public sealed class TestSiteServer : IAsyncDisposable
{
    /// <summary>The session cookie's name.</summary>
    public const string SessionCookie = "acme_session";

    private readonly WebApplication _app;
    private readonly TestSiteOptions _options;
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TestSiteSubmission> _lastBySession = new(StringComparer.Ordinal);
    private readonly List<TestSiteSubmission> _submissions = [];
    private readonly List<string> _failedSignIns = [];
    private readonly Lock _gate = new();

    private TestSiteServer(WebApplication app, TestSiteOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>The address the site listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every confirmed submission so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<TestSiteSubmission> Submissions
    {
        get
        {
            lock (_gate)
            {
                return [.. _submissions];
            }
        }
    }

    /// <summary>The user names of refused sign-in attempts so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<string> FailedSignIns
    {
        get
        {
            lock (_gate)
            {
                return [.. _failedSignIns];
            }
        }
    }

    /// <summary>Starts the site on 127.0.0.1 at a free port (or <see cref="TestSiteOptions.Port"/>).</summary>
    /// <param name="options">Credentials and port; null for the defaults (demo / demo123, a free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<TestSiteServer> StartAsync(TestSiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestSiteOptions();
        options.Validate();
        var app = LoopbackHost.CreateBuilder(options.Port).Build();
        var server = new TestSiteServer(app, options);
        server.MapEndpoints();
        server.BaseAddress = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapEndpoints()
    {
        _app.MapGet("/", (HttpContext context) => UserOf(context) is not null ? Results.Redirect("/form") : SignInPage(null, string.Empty));
        _app.MapPost("/", (Func<HttpContext, Task<IResult>>)SignInAsync);
        _app.MapGet("/forgot", () => Page("forgot.html", null));
        _app.MapGet("/signout", (HttpContext context) =>
        {
            if (context.Request.Cookies.TryGetValue(SessionCookie, out var id))
            {
                _sessions.TryRemove(id, out _);
            }

            context.Response.Cookies.Delete(SessionCookie);
            return Results.Redirect("/");
        });
        _app.MapGet("/form", (HttpContext context) => UserOf(context) is { } user ? Page("form.html", null, ("username", user)) : Results.Redirect("/"));
        _app.MapPost("/form", (Func<HttpContext, Task<IResult>>)SubmitAsync);
        _app.MapGet("/done", Done);
        _app.MapGet("/site.css", () => Results.Text(Resource("site.css"), "text/css; charset=utf-8"));
        _app.MapGet("/form.js", () => Results.Text(Resource("form.js"), "text/javascript; charset=utf-8"));
    }

    private async Task<IResult> SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var username = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        if (!string.Equals(username, _options.Username, StringComparison.Ordinal) || !string.Equals(password, _options.Password, StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _failedSignIns.Add(username);
            }

            return SignInPage("Wrong username or password. Please try again.", username);
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _sessions[id] = username;
        var remember = form["remember"].ToString() == "on";
        context.Response.Cookies.Append(SessionCookie, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = remember ? DateTimeOffset.UtcNow.AddDays(30) : null,
        });
        return Results.Redirect("/form", permanent: false, preserveMethod: false);
    }

    private async Task<IResult> SubmitAsync(HttpContext context)
    {
        if (UserOf(context) is not { } user || !context.Request.Cookies.TryGetValue(SessionCookie, out var session))
        {
            return Results.Redirect("/");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var plan = form["plan"].ToString();
        var submission = new TestSiteSubmission(
            user,
            form["fullname"].ToString().Trim(),
            form["email"].ToString().Trim(),
            PlanNames.TryGetValue(plan, out var planName) ? planName : plan,
            [.. form["interests"].Select(v => v ?? string.Empty).Where(v => v.Length > 0)],
            form["terms"].ToString() == "on",
            form["startdate"].ToString(),
            form["message"].ToString(),
            [.. form["formatting"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)],
            form["attachment"].ToString() == "yes",
            DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _submissions.Add(submission);
        }

        _lastBySession[session] = submission;
        return Results.Redirect("/done");
    }

    private IResult Done(HttpContext context)
    {
        if (UserOf(context) is not { } user || !context.Request.Cookies.TryGetValue(SessionCookie, out var session))
        {
            return Results.Redirect("/");
        }

        if (!_lastBySession.TryGetValue(session, out var s))
        {
            return Results.Redirect("/form");
        }

        var values = new StringBuilder();
        void Row(string id, string name, string value) =>
            values.Append("      <dt>").Append(WebUtility.HtmlEncode(name)).Append("</dt><dd id=\"done-").Append(id).Append("\">").Append(WebUtility.HtmlEncode(value)).Append("</dd>\n");
        Row("fullname", "Full name", s.FullName);
        Row("email", "Email", s.Email);
        Row("plan", "Plan", s.Plan);
        Row("interests", "Interests", s.Interests.Count == 0 ? "none" : string.Join(", ", s.Interests));
        Row("startdate", "Start date", s.StartDate.Length == 0 ? "not set" : s.StartDate);
        Row("terms", "Terms accepted", s.AcceptedTerms ? "yes" : "no");
        Row("message", "Message", s.Message);
        Row("formatting", "Formatting", s.Formatting.Count == 0 ? "none" : string.Join(", ", s.Formatting));
        Row("attachment", "Attachment", s.Attachment ? "notes.txt" : "none");
        return Page("done.html", "values", ("username", user), ("values", values.ToString().TrimEnd('\n')));
    }

    private string? UserOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SessionCookie, out var id) && _sessions.TryGetValue(id, out var user) ? user : null;

    private static IResult SignInPage(string? error, string username) =>
        Page(
            "signin.html",
            "error",
            ("error", error is null ? string.Empty : $"<div class=\"error\" role=\"alert\" id=\"signin-error\">{WebUtility.HtmlEncode(error)}</div>"),
            ("username", username));

    /// <summary>An embedded page with its <c>{{key}}</c> placeholders replaced, HTML-encoded except the one named <paramref name="raw"/>.</summary>
    private static IResult Page(string name, string? raw, params (string Key, string Value)[] values)
    {
        var html = Resource(name);
        foreach (var (key, value) in values)
        {
            html = html.Replace("{{" + key + "}}", key == raw ? value : WebUtility.HtmlEncode(value), StringComparison.Ordinal);
        }

        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static readonly Dictionary<string, string> PlanNames = new(StringComparer.Ordinal)
    {
        ["free"] = "Free",
        ["pro"] = "Pro",
        ["team"] = "Team",
        ["enterprise"] = "Enterprise",
    };

    private static readonly ConcurrentDictionary<string, string> Resources = new(StringComparer.Ordinal);

    /// <summary>Reads an embedded file under <c>Site/</c>.</summary>
    private static string Resource(string name) => Resources.GetOrAdd(name, static n =>
    {
        using var stream = typeof(TestSiteServer).Assembly.GetManifestResourceStream("Site/" + n)
            ?? throw new InvalidOperationException($"The embedded resource 'Site/{n}' is missing from {typeof(TestSiteServer).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });
}
