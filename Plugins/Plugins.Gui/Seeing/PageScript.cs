using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Plugins.Gui.Seeing;

/// <summary>
/// The in-page function shared by the observer, the hit tester and the resolver (the embedded resource
/// <c>PageScript.js</c>): evaluated in the top frame with an argument whose <c>mode</c> is <c>observe</c>, <c>hit</c>
/// or <c>describe</c>.
/// </summary>
internal static class PageScript
{
    private const string ResourceName = "Plugins.Gui.Seeing.PageScript.js";

    private static readonly Lazy<string> _source = new(Load);

    /// <summary>The function's source, a JavaScript arrow function of one argument that returns a JSON string.</summary>
    public static string Source => _source.Value;

    /// <summary>Evaluates the function in the page's top frame and parses its JSON result.</summary>
    public static async Task<JsonDocument> EvaluateAsync(IPage page, object argument, CancellationToken cancellationToken)
    {
        var json = await page.EvaluateAsync<string>(Source, argument).WaitAsync(cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(json);
    }

    private static string Load()
    {
        using var stream = typeof(PageScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{ResourceName}' is missing from {typeof(PageScript).Assembly.GetName().Name}; "
                + "rebuild Plugins.Gui (Seeing/PageScript.js must be an EmbeddedResource).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
