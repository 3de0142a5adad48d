using Agents.TestSupport;
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Grounding.Ocr;
using Plugins.Gui.Tests.Imaging;
using SkiaSharp;

namespace Plugins.Gui.Tests.Grounding.Hybrid;

public sealed class HybridGrounderTests
{
    private static GuiCandidate Dom(int id, string role, string name, double x, double y, double width, double height, bool interactive = true) => new()
    {
        Id = id,
        Source = CandidateSource.Dom,
        Role = role,
        Name = name,
        Box = new CssRect(x, y, width, height),
        IsInteractive = interactive,
    };

    private static PageObservation Page(params GuiCandidate[] candidates) =>
        PageObservation.FromImage(TestImages.Create(400, 300)) with { Candidates = candidates };

    private static readonly GuiCandidate[] Form =
    [
        Dom(10, "textbox", "Email", 20, 20, 200, 30),
        Dom(11, "button", "Sign in", 20, 70, 90, 32),
        Dom(12, "button", "Delete", 20, 120, 90, 32),
        Dom(13, "link", "Help", 300, 20, 60, 20),
    ];

    [Fact]
    public async Task GroundAsync_MarkAnswer_PicksThatCandidate()
    {
        // Arrange
        var client = new RecordingChatClient("mark 3");
        var grounder = new HybridGrounder(client);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the Delete button", Page(Form)));

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(12, result.Candidate!.Id);
        Assert.Equal(new CssPoint(65, 136), result.Point);
        var prompt = client.Prompt(0);
        Assert.Contains("[3] button 'Delete'", prompt, StringComparison.Ordinal);
        Assert.Contains("[1] textbox 'Email'", prompt, StringComparison.Ordinal);
        Assert.Contains("the Delete button", prompt, StringComparison.Ordinal);
        Assert.Equal("hybrid", grounder.Name);
    }

    [Fact]
    public async Task GroundAsync_Image_HasTheMarksDrawn()
    {
        // Arrange
        var client = new RecordingChatClient("mark 1");

        // Act
        await new HybridGrounder(client).GroundAsync(new GroundingRequest("Email", Page(Form)));

        // Assert: the Email box's left border (x 20) is coloured in the image sent; the page itself is white.
        using var bitmap = SKBitmap.Decode(client.Image(0).Data.ToArray());
        Assert.NotEqual(SKColors.White, bitmap.GetPixel(20, 35));
        Assert.Equal(SKColors.White, bitmap.GetPixel(120, 35));
    }

    [Fact]
    public async Task GroundAsync_Point_SnapsToTheSmallestContainingCandidate()
    {
        // Arrange: a form region holds the button; grid (200,290) on 400x300 is CSS (80.2, 87.15), inside both.
        Assert.Equal(87.15, (290 + 0.5) / 1000 * 300, 6);
        GuiCandidate[] candidates = [Dom(1, "form", "Login", 0, 0, 400, 300, interactive: false), Dom(2, "button", "Sign in", 20, 70, 90, 32)];
        var grounder = new HybridGrounder(new RecordingChatClient("(200,290)"));

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("Sign in", Page(candidates)));

        // Assert
        Assert.Equal(2, result.Candidate!.Id);
        Assert.Equal(new CssPoint(65, 86), result.Point);
        Assert.Contains("snapped", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_PointOutsideEveryCandidate_HitsTheRawPoint()
    {
        // Arrange
        var grounder = new HybridGrounder(new RecordingChatClient("(900,900)"));

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("something", Page(Form)));

        // Assert
        Assert.True(result.IsHit);
        Assert.Null(result.Candidate);
        Assert.Equal(360.2, result.Point!.Value.X, 6);
    }

    [Theory]
    [InlineData("the button, probably")]
    [InlineData("mark 9")]
    [InlineData("(1500,20)")]
    public async Task GroundAsync_GarbageWithoutMatcher_Misses(string answer)
    {
        // Arrange
        var grounder = new HybridGrounder(new RecordingChatClient(answer));

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the Delete button", Page(Form)));

        // Assert
        Assert.False(result.IsHit);
        Assert.Equal(answer, result.RawAnswer);
    }

    [Fact]
    public async Task GroundAsync_GarbageWithMatcher_FallsBackAndSaysSo()
    {
        // Arrange
        var grounder = new HybridGrounder(new RecordingChatClient("garbage"), matcher: new CandidateMatcher());

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the Delete button", Page(Form)));

        // Assert
        Assert.True(result.IsHit);
        Assert.Equal(12, result.Candidate!.Id);
        Assert.StartsWith(HybridGrounder.FallbackReasonPrefix, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_FallbackOff_MissesEvenWithMatcher()
    {
        // Arrange
        var grounder = new HybridGrounder(new RecordingChatClient("garbage"), matcher: new CandidateMatcher(), options: new HybridGrounderOptions { FallbackToMatcher = false });

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the Delete button", Page(Form)));

        // Assert
        Assert.False(result.IsHit);
    }

    [Fact]
    public async Task GroundAsync_Matcher_OffersTheBestFirst()
    {
        // Arrange
        var client = new RecordingChatClient("mark 1");
        var grounder = new HybridGrounder(client, matcher: new CandidateMatcher(), options: new HybridGrounderOptions { MaxMarks = 2 });

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the Help link", Page(Form)));

        // Assert
        Assert.Equal(13, result.Candidate!.Id);
        Assert.Contains("[1] link 'Help'", client.Prompt(0), StringComparison.Ordinal);
        Assert.DoesNotContain("[3]", client.Prompt(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_ReadingOrder_NumbersTheShortlistTopToBottomNotByRank()
    {
        // Arrange: the matcher ranks Help first, but reading order puts Email (top left) first, Help (top right) second
        var client = new RecordingChatClient("mark 2");
        var grounder = new HybridGrounder(client, matcher: new CandidateMatcher(), options: new HybridGrounderOptions { MaxMarks = 4, NumberMarksInReadingOrder = true });

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the Help link", Page(Form)));

        // Assert
        var prompt = client.Prompt(0);
        Assert.Contains("[1] textbox 'Email'", prompt, StringComparison.Ordinal);
        Assert.Contains("[2] link 'Help'", prompt, StringComparison.Ordinal);
        Assert.Contains("[3] button 'Sign in'", prompt, StringComparison.Ordinal);
        Assert.Contains("[4] button 'Delete'", prompt, StringComparison.Ordinal);
        Assert.Equal(13, result.Candidate!.Id);
    }

    [Fact]
    public async Task GroundAsync_OcrDuplicateOfDom_IsDroppedAndOtherOcrTextOffered()
    {
        // Arrange: OCR reads "Sign in" inside the DOM button (a duplicate) and "Canvas chart" where the DOM has nothing.
        var ocr = new FakeOcrEngine(_ => FakeOcrEngine.Result(
            FakeOcrEngine.Line(30, 78, 16, "Sign", "in"),
            FakeOcrEngine.Line(200, 200, 16, "Canvas", "chart")));
        var client = new RecordingChatClient("mark 5");
        var grounder = new HybridGrounder(client, ocr);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the canvas chart", Page(Form)));

        // Assert
        var prompt = client.Prompt(0);
        Assert.Equal(1, CountOf(prompt, "'Sign in'"));
        Assert.Contains("[5] text 'Canvas chart'", prompt, StringComparison.Ordinal);
        Assert.Equal(CandidateSource.Ocr, result.Candidate!.Source);
        Assert.Equal(15, result.Candidate.Id); // OCR ids follow the DOM ids (14 went to the dropped duplicate)
    }

    [Fact]
    public async Task GroundAsync_ModelOptions_ClonedAndPassedThrough()
    {
        // Arrange
        var client = new RecordingChatClient("mark 1");
        var caller = new ChatOptions { AdditionalProperties = new() { ["pruning"] = "sparsevlm" } };

        // Act
        await new HybridGrounder(client).GroundAsync(new GroundingRequest("Email", Page(Form)) { ModelOptions = caller });

        // Assert
        Assert.NotSame(caller, client.Calls[0].Options);
        Assert.Equal("sparsevlm", client.Calls[0].Options!.AdditionalProperties!["pruning"]);
        Assert.Null(caller.Temperature);
    }

    [Fact]
    public async Task GroundAsync_NoCandidates_Misses()
    {
        // Act
        var result = await new HybridGrounder(new RecordingChatClient("mark 1")).GroundAsync(new GroundingRequest("x", Page()));

        // Assert
        Assert.False(result.IsHit);
    }

    [Fact]
    public void IsDuplicate_DifferentTextInside_IsKept()
    {
        // Arrange
        var dom = Dom(1, "button", "Submit", 0, 0, 100, 40);
        var ocr = new GuiCandidate { Id = 2, Source = CandidateSource.Ocr, Role = "text", Name = "Beta", Box = new CssRect(10, 10, 30, 12) };

        // Act + Assert
        Assert.False(HybridGrounder.IsDuplicate(ocr, dom, 0.7));
        Assert.True(HybridGrounder.IsDuplicate(ocr with { Name = "Submit" }, dom, 0.7));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
