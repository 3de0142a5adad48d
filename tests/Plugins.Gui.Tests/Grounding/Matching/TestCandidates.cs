using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Grounding.Matching;

/// <summary>Hand-built candidates and observations for matcher and grounder tests.</summary>
internal static class TestCandidates
{
    public static readonly CssSize Viewport = new(1000, 700);

    public static GuiCandidate Make(int id, string role, string name, double x, double y, double width = 90, double height = 32, bool? interactive = null) => new()
    {
        Id = id,
        Source = CandidateSource.Dom,
        Role = role,
        Name = name,
        Box = new CssRect(x, y, width, height),
        Tag = role switch { "button" => "button", "link" => "a", "textbox" => "input", "checkbox" => "input", "heading" => "h2", _ => "div" },
        IsInteractive = interactive ?? role is "button" or "link" or "textbox" or "checkbox" or "combobox" or "radio" or "tab" or "menuitem" or "switch" or "searchbox",
    };

    public static PageObservation Observe(params GuiCandidate[] candidates) => new()
    {
        Screenshot = new PageScreenshot(new byte[] { 0 }, (int)Viewport.Width, (int)Viewport.Height),
        Candidates = candidates,
    };

    /// <summary>A sign-in form: heading, email and password fields, remember-me checkbox, links and buttons.</summary>
    public static GuiCandidate[] SignInPage() =>
    [
        Make(1, "heading", "Welcome back", 350, 80, 300, 40),
        Make(2, "text", "Email", 350, 150, 60, 20) with { Tag = "label" },
        Make(3, "textbox", "Email", 350, 172, 300, 34) with { Label = "Email", Placeholder = "you@example.com" },
        Make(4, "text", "Password", 350, 220, 80, 20) with { Tag = "label" },
        Make(5, "textbox", "Password", 350, 242, 300, 34) with { Label = "Password" },
        Make(6, "checkbox", "Remember me", 350, 290, 16, 16) with { Label = "Remember me" },
        Make(7, "text", "Remember me", 372, 288, 100, 20) with { Tag = "label" },
        Make(8, "link", "Forgot password?", 520, 288, 130, 20),
        Make(9, "button", "Log in", 350, 330, 140, 40) with { BackgroundColor = "rgb(37, 99, 235)", TextColor = "rgb(255, 255, 255)" },
        Make(10, "button", "Create account", 510, 330, 140, 40) with { BackgroundColor = "rgb(239, 239, 239)" },
        Make(11, "link", "Email us", 820, 660, 80, 20),
    ];
}
