using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Seeing;
using static Plugins.Gui.Tests.Grounding.Matching.TestCandidates;

namespace Plugins.Gui.Tests.Grounding.Matching;

public sealed class CandidateMatcherTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    private readonly CandidateMatcher _semantic = new(miniLm.Generator);
    private readonly CandidateMatcher _lexical = new();

    [Fact]
    public async Task RankAsync_SignInWithMiniLm_FindsTheLogInButton()
    {
        // Act
        var ranked = await _semantic.RankAsync("click the Sign in button", SignInPage(), Viewport);

        // Assert
        Assert.Equal("Log in", ranked[0].Candidate.Name);
        Assert.Contains("synonym", ranked[0].Reason, System.StringComparison.Ordinal);
        Assert.Contains("role button", ranked[0].Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankAsync_ParaphraseOutsideTheSynonymTable_NeedsTheEmbedding()
    {
        // Arrange: "purchase" shares no word, stem or synonym with "Buy now".
        GuiCandidate[] candidates =
        [
            Make(1, "button", "Add to wishlist", 100, 400, 140, 40),
            Make(2, "button", "Buy now", 260, 400, 140, 40),
            Make(3, "button", "Share", 420, 400, 140, 40),
            Make(4, "link", "Reviews (12)", 100, 460, 100, 20),
        ];

        // Act
        var semantic = await _semantic.RankAsync("click the Purchase button", candidates, Viewport);
        var lexical = await _lexical.RankAsync("click the Purchase button", candidates, Viewport);

        // Assert
        Assert.Equal("Buy now", semantic[0].Candidate.Name);
        Assert.Contains("embedding cosine", semantic[0].Reason, System.StringComparison.Ordinal);
        Assert.True(semantic[0].Score > semantic[1].Score + 0.05, $"{semantic[0].Score} vs {semantic[1].Score}");
        Assert.True(lexical[0].Score < 0.4, $"lexical only: {lexical[0].Candidate.Name} {lexical[0].Score}");
    }

    [Fact]
    public async Task RankAsync_SecondDeleteLink_PicksTheSecondInReadingOrder()
    {
        // Arrange: rows listed out of order; each row has Edit and Delete links; a "Delete all" button below.
        GuiCandidate[] candidates =
        [
            Make(1, "link", "Delete", 600, 300, 60, 20),
            Make(2, "link", "Edit", 520, 100, 40, 20),
            Make(3, "link", "Delete", 600, 100, 60, 20),
            Make(4, "link", "Edit", 520, 200, 40, 20),
            Make(5, "link", "Delete", 600, 200, 60, 20),
            Make(6, "button", "Delete all", 520, 400, 120, 36),
            Make(7, "link", "Edit", 520, 300, 40, 20),
        ];

        // Act
        var second = await _semantic.RankAsync("click the second Delete link", candidates, Viewport);
        var last = await _semantic.RankAsync("the last Delete link", candidates, Viewport);
        var first = await _lexical.RankAsync("the first Delete link", candidates, Viewport);

        // Assert
        Assert.Equal(5, second[0].Candidate.Id);
        Assert.Contains("2nd of 3", second[0].Reason, System.StringComparison.Ordinal);
        Assert.Equal(1, last[0].Candidate.Id);
        Assert.Equal(3, first[0].Candidate.Id);
    }

    [Fact]
    public async Task RankAsync_OrdinalInARow_CountsLeftToRight()
    {
        // Arrange: one toolbar row of same-named buttons, slightly different heights.
        GuiCandidate[] candidates =
        [
            Make(1, "button", "Add", 300, 50, 60, 30),
            Make(2, "button", "Add", 100, 52, 60, 26),
            Make(3, "button", "Add", 200, 50, 60, 30),
        ];

        // Act
        var ranked = await _lexical.RankAsync("press the third Add button", candidates, Viewport);

        // Assert
        Assert.Equal(1, ranked[0].Candidate.Id);
    }

    [Theory]
    [InlineData("the button at the top right", 2)]
    [InlineData("the button in the bottom left corner", 3)]
    [InlineData("click the top left button", 1)]
    [InlineData("the bottom right button", 4)]
    [InlineData("the button in the middle", 5)]
    public async Task RankAsync_PositionWords_PickTheCorner(string instruction, int expectedId)
    {
        // Arrange
        GuiCandidate[] candidates =
        [
            Make(1, "button", "Options", 10, 10),
            Make(2, "button", "Options", 900, 10),
            Make(3, "button", "Options", 10, 650),
            Make(4, "button", "Options", 900, 650),
            Make(5, "button", "Options", 455, 334),
            Make(6, "link", "Top stories", 950, 0, 50, 20),
        ];

        // Act
        var ranked = await _semantic.RankAsync(instruction, candidates, Viewport);

        // Assert
        Assert.Equal(expectedId, ranked[0].Candidate.Id);
    }

    [Fact]
    public async Task RankAsync_SearchBoxAtTheTopRight_PrefersTheBoxNearThatCorner()
    {
        // Arrange: two search fields, one in the header's right, one in the page body.
        GuiCandidate[] candidates =
        [
            Make(1, "textbox", "Search orders", 200, 300, 300, 34) with { Placeholder = "Search orders" },
            Make(2, "searchbox", "Search", 760, 12, 220, 32) with { Placeholder = "Search" },
            Make(3, "button", "Search", 520, 300, 80, 34),
        ];

        // Act
        var ranked = await _semantic.RankAsync("the search box at the top right", candidates, Viewport);

        // Assert
        Assert.Equal(2, ranked[0].Candidate.Id);
    }

    [Fact]
    public async Task RankAsync_RedButton_PicksTheRedOneAmongGreyOnes()
    {
        // Arrange
        GuiCandidate[] candidates =
        [
            Make(1, "button", "Archive", 100, 100) with { BackgroundColor = "rgb(239, 239, 239)" },
            Make(2, "button", "Move", 200, 100) with { BackgroundColor = "rgb(229, 231, 235)" },
            Make(3, "button", "Discard", 300, 100) with { BackgroundColor = "rgb(220, 38, 38)", TextColor = "rgb(255, 255, 255)" },
            Make(4, "button", "Snooze", 400, 100) with { BackgroundColor = "rgb(209, 213, 219)" },
            Make(5, "link", "Report", 500, 100) with { TextColor = "rgb(37, 99, 235)" },
        ];

        // Act
        var ranked = await _semantic.RankAsync("click the red button", candidates, Viewport);

        // Assert
        Assert.Equal(3, ranked[0].Candidate.Id);
        Assert.Contains("background red", ranked[0].Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankAsync_EmailField_PicksTheTextboxNotTheEmailUsLink()
    {
        // Act
        var ranked = await _semantic.RankAsync("type into the email field", SignInPage(), Viewport);

        // Assert
        Assert.Equal(3, ranked[0].Candidate.Id);
    }

    [Fact]
    public async Task RankAsync_CheckRememberMe_PicksTheCheckboxNotItsLabelText()
    {
        // Act
        var ranked = await _semantic.RankAsync("check Remember me", SignInPage(), Viewport);

        // Assert
        Assert.Equal(6, ranked[0].Candidate.Id);
    }

    [Fact]
    public async Task RankAsync_SettingsIcon_FindsTheIconButtonTitledPreferences()
    {
        // Arrange: icon buttons named by title only, and a text link that mentions settings.
        GuiCandidate[] candidates =
        [
            Make(1, "button", "Help", 860, 10, 32, 32) with { Title = "Help", Text = string.Empty },
            Make(2, "button", "Notifications", 900, 10, 32, 32) with { Title = "Notifications", Text = string.Empty },
            Make(3, "button", "Preferences", 940, 10, 32, 32) with { Title = "Preferences", Text = string.Empty },
            Make(4, "link", "Account settings and privacy", 20, 600, 220, 20),
            Make(5, "heading", "Your dashboard", 20, 80, 300, 40),
        ];

        // Act
        var ranked = await _semantic.RankAsync("open the settings icon", candidates, Viewport);

        // Assert
        Assert.Equal(3, ranked[0].Candidate.Id);
    }

    [Fact]
    public async Task RankAsync_UnrelatedInstruction_ScoresUnderTheDefaultThreshold()
    {
        // Act
        var ranked = await _semantic.RankAsync("click the quantum flux capacitor", SignInPage(), Viewport);

        // Assert
        Assert.True(ranked[0].Score < 0.4, $"{ranked[0].Candidate.Name}: {ranked[0].Score} ({ranked[0].Reason})");
    }

    [Fact]
    public async Task RankAsync_OcrWords_MatchByTextWithoutRolePenalty()
    {
        // Arrange: OCR lines have role "text" and no element.
        static GuiCandidate Ocr(int id, string text, double x, double y) => new()
        {
            Id = id, Source = CandidateSource.Ocr, Role = "text", Name = text, Box = new CssRect(x, y, 8 * text.Length, 18), Confidence = 0.9,
        };
        GuiCandidate[] words = [Ocr(1, "Welcome back", 350, 80), Ocr(2, "Log in", 380, 340), Ocr(3, "Create account", 530, 340)];

        // Act
        var ranked = await _semantic.RankAsync("click the Sign in button", words, Viewport);

        // Assert
        Assert.Equal(2, ranked[0].Candidate.Id);
        Assert.True(ranked[0].Score >= 0.8, $"{ranked[0].Score}");
    }

    [Fact]
    public async Task RankAsync_EmptyBoxes_AreLeftOut()
    {
        // Arrange
        GuiCandidate[] candidates = [Make(1, "button", "Save", 0, 0, 0, 0), Make(2, "button", "Save", 10, 10)];

        // Act
        var ranked = await _lexical.RankAsync("Save", candidates, Viewport);

        // Assert
        Assert.Equal([2], ranked.Select(r => r.Candidate.Id));
    }

    [Fact]
    public async Task RankAsync_EmbeddingCache_BatchesOnceAndReusesAcrossCalls()
    {
        // Arrange
        var generator = new CountingEmbeddingGenerator();
        var matcher = new CandidateMatcher(generator);
        var page = SignInPage();

        // Act
        await matcher.RankAsync("click the purchase button", page, Viewport);
        await matcher.RankAsync("press the zebra button", page, Viewport);

        // Assert: the first call embeds the target and all 11 descriptions in one batch, the second only its target.
        Assert.Equal(2, generator.Calls.Count);
        Assert.Equal(12, generator.Calls[0].Count);
        Assert.Equal(["zebra button"], generator.Calls[1]);
    }

    [Fact]
    public async Task RankAsync_ExactMatch_SkipsTheEmbeddingCall()
    {
        // Arrange
        var generator = new CountingEmbeddingGenerator();
        var matcher = new CandidateMatcher(generator);

        // Act
        var ranked = await matcher.RankAsync("click Create account", SignInPage(), Viewport);

        // Assert
        Assert.Empty(generator.Calls);
        Assert.Equal(10, ranked[0].Candidate.Id);
    }
}
