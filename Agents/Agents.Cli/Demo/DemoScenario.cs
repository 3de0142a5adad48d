using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Agents.Core.Gui;
using Microsoft.Playwright;
using Plugins.Gui.TestSite;

namespace Agents.Cli.Demo;

/// <summary>
/// The main job's task on the local test site: sign in, fill the form (text fields, the plan dropdown, two interest
/// checkboxes, the terms box), review and confirm. Its check accepts the run only when the site recorded exactly that
/// submission and the confirmation page shows its values.
/// </summary>
internal sealed class DemoScenario(TestSiteServer site) : IGuiTaskCheck
{
    public const string FullName = "Ada Lovelace";
    public const string Email = "ada@example.com";
    public const string Plan = "Pro";
    public static readonly string[] Interests = ["News", "Events"];

    /// <summary>The default task text.</summary>
    public static string DefaultTask(TestSiteOptions site) =>
        $"Sign in with username {site.Username} and password {site.Password}. Then fill in the form: full name {FullName}, email {Email}, "
        + $"plan {Plan}, interests {string.Join(" and ", Interests)}, and accept the terms. Click Review, then Confirm.";

    public async Task<(bool Done, string Evidence)> CheckAsync(IPage page, CancellationToken cancellationToken)
    {
        var path = Uri.TryCreate(page.Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : page.Url;
        var submission = site.Submissions.LastOrDefault();
        if (submission is null)
        {
            return (false, $"nothing was submitted; the page is {path}");
        }

        var wrong = new List<string>();
        Expect(wrong, "full name", FullName, submission.FullName);
        Expect(wrong, "email", Email, submission.Email);
        Expect(wrong, "plan", Plan, submission.Plan);
        Expect(wrong, "interests", string.Join(", ", Interests), string.Join(", ", submission.Interests));
        Expect(wrong, "terms accepted", "True", submission.AcceptedTerms.ToString());
        if (wrong.Count > 0)
        {
            return (false, "submitted with " + string.Join("; ", wrong));
        }

        if (path != "/done")
        {
            return (false, $"the submission is right, but the page is {path}, not the confirmation page /done");
        }

        var text = await page.InnerTextAsync("body").WaitAsync(cancellationToken).ConfigureAwait(false);
        var missing = new[] { FullName, Email, Plan }.Concat(Interests).Where(v => !text.Contains(v, StringComparison.Ordinal)).ToList();
        return missing.Count == 0
            ? (true, $"the confirmation page /done shows {FullName}, {Email}, {Plan} and {string.Join(", ", Interests)}")
            : (false, $"the confirmation page does not show {string.Join(", ", missing)}");
    }

    private static void Expect(List<string> wrong, string field, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            wrong.Add($"{field} '{actual}' (expected '{expected}')");
        }
    }
}
