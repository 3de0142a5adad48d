using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Agents.Core.Gui;
using Microsoft.Playwright;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Grounding.Dom;
using Plugins.Gui.Planning;
using Plugins.Gui.Seeing;
using Plugins.Gui.TestSite;
using Step = Agents.Core.Tests.Gui.ScriptedGuiModel.Step;

namespace Agents.Core.Tests.Gui;

/// <summary>The GUI agent on the local test site in headless Chromium, planned by a scripted stand-in for the model.</summary>
public sealed class GuiAgentTests : IAsyncLifetime
{
    private static readonly Step[] SignIn =
    [
        new("type_text", "Username", Text: "demo"),
        new("type_text", "Password", Text: "demo123"),
        new("click", "Sign in"),
    ];

    private static readonly Step[] FillAndConfirm =
    [
        new("type_text", "Full name", Text: "Ada Lovelace"),
        new("type_text", "Email", Text: "ada@example.com"),
        new("select_option", "Plan", Option: "Pro"),
        new("click", "News"),
        new("click", "Events"),
        new("click", "I accept the terms and conditions"),
        new("click", "Review"),
        new("click", "Confirm"),
        new("done"),
    ];

    private TestSiteServer? _site;
    private GuiBrowser? _browser;

    public async Task InitializeAsync()
    {
        _site = await TestSiteServer.StartAsync();
        _browser = new GuiBrowser();
    }

    [Fact]
    public async Task Run_ScriptedModel_SignsInFillsDropdownAndCheckboxesConfirmsAndTheCheckPasses()
    {
        var model = new ScriptedGuiModel([.. SignIn, .. FillAndConfirm]);
        await using var session = Session();
        var steps = new List<GuiAgentStep>();

        var run = await Agent(model, session).RunAsync("Sign in and submit the form.", _site!.BaseAddress, new SubmissionCheck(_site), new Collect(steps));

        Assert.True(run.Succeeded, run.Reason + "\n" + string.Join("\n", run.Steps.Select(s => $"{s.Action}: {s.Outcome}")));
        Assert.True(run.Finished);
        Assert.Equal(12, run.Steps.Count);
        Assert.Equal(run.Steps, steps);
        Assert.All(run.Steps, s => Assert.True(s.Success, $"{s.Action}: {s.Outcome}"));
        Assert.All(run.Steps, s => Assert.Equal((49, 196), (s.VisualTokensKept, s.VisualTokensTotal)));
        Assert.All(run.Steps, s => Assert.True(s.Screenshot is { Length: > 1000 }));
        Assert.Equal("type_text 'Username' \"demo\"", run.Steps[0].Action);
        var submission = Assert.Single(_site.Submissions);
        Assert.Equal(("Ada Lovelace", "Pro", true), (submission.FullName, submission.Plan, submission.AcceptedTerms));
        Assert.Equal(["News", "Events"], submission.Interests);
    }

    [Fact]
    public async Task Run_ModelCallsDoneEarly_CheckRefusesAndTheRunFails()
    {
        var model = new ScriptedGuiModel([.. SignIn, new Step("done")]);
        await using var session = Session();

        var run = await Agent(model, session).RunAsync("Sign in and submit the form.", _site!.BaseAddress, new SubmissionCheck(_site));

        Assert.True(run.Finished);
        Assert.False(run.Verified);
        Assert.False(run.Succeeded);
        Assert.Contains("nothing was submitted", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidMarkEveryTime_StopsAfterMaxTriesAndRetriesSample()
    {
        var model = new ScriptedGuiModel([new Step("click", Mark: 99), new Step("click", Mark: 99), new Step("click", Mark: 99), new Step("click", "Sign in")]);
        await using var session = Session();

        var run = await Agent(model, session, new GuiAgentOptions { MaxTriesPerStep = 3 }).RunAsync("Sign in.", _site!.BaseAddress);

        Assert.False(run.Succeeded);
        Assert.Equal([1, 2, 3], run.Steps.Select(s => s.Try));
        Assert.All(run.Steps, s => Assert.Contains("mark 99", s.Outcome, StringComparison.Ordinal));
        Assert.Contains("3 tries in a row failed", run.Reason, StringComparison.Ordinal);
        Assert.Equal([null, 0.8f, 0.8f], model.Options.Select(o => o?.Temperature == 0 ? null : o?.Temperature));
        Assert.Equal(3, model.Options.Select(o => o?.Seed).Distinct().Count());
    }

    [Fact]
    public async Task Run_FailedActionThenRecovery_CountsTriesAndResetsAfterSuccess()
    {
        // 'select_option' on a button fails in the browser; the next (sampled) plan types instead and succeeds.
        var model = new ScriptedGuiModel([new Step("select_option", "Sign in", Option: "x"), new Step("type_text", "Username", Text: "demo"), new Step("done")]);
        await using var session = Session();

        var run = await Agent(model, session).RunAsync("Type the user name.", _site!.BaseAddress);

        Assert.True(run.Succeeded);
        Assert.Equal([(1, false), (2, true), (1, true)], run.Steps.Select(s => (s.Try, s.Success)));
        Assert.Contains("not a drop-down list", run.Steps[0].Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StartOutsideTheAllowedOrigin_RefusedBeforeAnyStep()
    {
        await using var session = Session();

        var run = await Agent(new ScriptedGuiModel(), session).RunAsync("Anything.", new Uri("http://127.0.0.1:9/elsewhere"));

        Assert.False(run.Succeeded);
        Assert.Empty(run.Steps);
        Assert.Contains("could not open", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_NoTries_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new GuiAgentOptions { MaxTriesPerStep = 0 }.Validate());

        Assert.Contains("GuiAgentOptions.MaxTriesPerStep", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_StepsWithHtmlInText_EscapedWithEmbeddedImages()
    {
        var step = new GuiAgentStep
        {
            Number = 1, Try = 1, Action = "type_text 'x' \"<script>\"", Tool = "type_text", Outcome = "typed <b>", Success = true, Url = "http://127.0.0.1/",
            VisualTokensKept = 49, VisualTokensTotal = 196, PlanTime = TimeSpan.FromMilliseconds(5), ActTime = TimeSpan.FromMilliseconds(7), Screenshot = new byte[] { 1, 2, 3 },
        };
        var html = GuiAgentReport.Render(new GuiAgentRun("Do <it>", [step], true, true, "ok", TimeSpan.FromSeconds(1)), "demo & test");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("demo &amp; test", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,AQID", html, StringComparison.Ordinal);
        Assert.Contains("49 of 196", html, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    private GuiTaskSession Session() =>
        new(_browser!, new GuiTaskOptions { AllowedOrigins = [_site!.BaseAddress.GetLeftPart(UriPartial.Authority)] });

    private static GuiAgent Agent(ScriptedGuiModel model, GuiTaskSession session, GuiAgentOptions? options = null)
    {
        var observer = new PageObserver();
        var gui = new GuiPlugin(session, observer, new ElementResolver(), new HitTester(), new DomGrounder());
        options ??= new GuiAgentOptions();
        options.Planner = new GuiActionPlannerOptions { MaxMarks = 30 };
        return new GuiAgent(model, session, gui, observer, options);
    }

    private sealed class SubmissionCheck(TestSiteServer site) : IGuiTaskCheck
    {
        public Task<(bool Done, string Evidence)> CheckAsync(IPage page, CancellationToken cancellationToken) =>
            Task.FromResult(site.Submissions.Count > 0 && page.Url.EndsWith("/done", StringComparison.Ordinal)
                ? (true, "submitted and on /done")
                : (false, site.Submissions.Count == 0 ? "nothing was submitted" : $"on {page.Url}"));
    }

    private sealed class Collect(List<GuiAgentStep> steps) : IProgress<GuiAgentStep>
    {
        public void Report(GuiAgentStep value) => steps.Add(value);
    }
}
