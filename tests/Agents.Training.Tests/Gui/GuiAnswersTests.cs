using System.Linq;
using System.Threading.Tasks;
using Agents.Training.Gui;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Parsing;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Seeing;

namespace Agents.Training.Tests.Gui;

public sealed class GuiAnswersTests
{
    private static readonly NoModelChatClient Model = new();

    [Fact]
    public async Task Vision_WholeScreenAtScaleOne_AnswersTheCentreCell()
    {
        // Arrange: 1000x500 untiled stays as is (no upscale); centre (125,110) -> grid (125/1000*1000, 110/500*1000) = (125,220).
        var grounder = new VisionGrounder(Model, new VisionGrounderOptions { UseTiling = false });
        var queries = await grounder.ComposeAsync(new GroundingRequest("the button", PageObservation.FromImage(Screens.Blank(1000, 500))));

        // Act
        var answer = GuiAnswers.Vision(queries.Single(), new CssRect(100, 100, 50, 20));

        // Assert
        Assert.Equal("(125,220)", answer);
    }

    [Theory]
    [InlineData(1280, 800, null, null, 600, 380, 80, 24)]
    [InlineData(1280, 800, 224, 224, 12, 700, 40, 14)]
    [InlineData(390, 2600, null, null, 20, 2400, 120, 30)]
    [InlineData(390, 2600, null, null, 150, 1290, 60, 20)]
    [InlineData(2600, 500, 336, 336, 2500, 30, 30, 30)]
    public async Task Vision_PointAndBoxAnswers_ParseBackInsideTheTarget(int width, int height, int? exactWidth, int? exactHeight, double x, double y, double w, double h)
    {
        // Arrange
        var options = new VisionGrounderOptions { ExactWidth = exactWidth, ExactHeight = exactHeight };
        var grounder = new VisionGrounder(Model, options);
        var target = new CssRect(x, y, w, h);
        var queries = await grounder.ComposeAsync(new GroundingRequest("the target", PageObservation.FromImage(Screens.Blank(width, height))));
        var answered = 0;

        foreach (var query in queries)
        {
            // Act
            var point = GuiAnswers.Vision(query, target);
            var box = GuiAnswers.Vision(query, target, asBox: true);

            // Assert
            if (point == GuiAnswers.None)
            {
                Assert.Equal(GuiAnswers.None, box);
                Assert.False(query.Tile.Region.Contains(target.Center));
                continue;
            }

            answered++;
            foreach (var text in new[] { point, box })
            {
                var parsed = GroundingAnswerParser.Parse(text, query.Image.Image.Width, query.Image.Image.Height);
                Assert.True(parsed.IsHit, text);
                Assert.True(target.Contains(query.ToCss(parsed.X, parsed.Y)), $"{text} on tile {query.Tile.Region} maps to {query.ToCss(parsed.X, parsed.Y)}, outside {target}");
            }
        }

        Assert.True(answered >= 1);
    }

    [Fact]
    public async Task Vision_TallScreen_IsTiledAndSomeTileAnswersNone()
    {
        // Arrange
        var grounder = new VisionGrounder(Model);
        var queries = await grounder.ComposeAsync(new GroundingRequest("the footer link", PageObservation.FromImage(Screens.Blank(390, 2600))));

        // Act
        var answers = queries.Select(q => GuiAnswers.Vision(q, new CssRect(20, 2500, 80, 20))).ToList();

        // Assert
        Assert.True(queries.Count > 1);
        Assert.Contains(GuiAnswers.None, answers);
        Assert.Contains(answers, a => a != GuiAnswers.None);
    }

    private static GuiCandidate Dom(int id, string role, string name, double x, double y, double width, double height, bool interactive = true) => new()
    {
        Id = id,
        Source = CandidateSource.Dom,
        Role = role,
        Name = name,
        Box = new CssRect(x, y, width, height),
        IsInteractive = interactive,
    };

    private static async Task<HybridQuery> ComposeHybridAsync(params GuiCandidate[] candidates)
    {
        var grounder = new HybridGrounder(Model);
        var page = PageObservation.FromImage(Screens.Blank(400, 300)) with { Candidates = candidates };
        var query = await grounder.ComposeAsync(new GroundingRequest("sign in", page));
        Assert.NotNull(query);
        return query;
    }

    [Fact]
    public async Task Hybrid_TargetInsideContainer_PicksTheButtonsMark()
    {
        // Arrange: interactive candidates are marked first, so the button is mark 1 and the form mark 2.
        var query = await ComposeHybridAsync(Dom(7, "form", "Login", 0, 0, 400, 300, interactive: false), Dom(9, "button", "Sign in", 20, 70, 90, 32));

        // Act
        var answer = GuiAnswers.Hybrid(query, new CssRect(20, 70, 90, 32));

        // Assert
        Assert.Equal("mark 1", answer);
        Assert.Equal(9, query.Originals[0].Id);
        Assert.Equal(1, GroundingAnswerParser.Parse(answer, query.Image.Image.Width, query.Image.Image.Height, [1, 2]).MarkId);
    }

    [Fact]
    public async Task Hybrid_NoMatchingMark_AnswersThePoint()
    {
        // Arrange: only the page-sized form holds the centre (310,260), with a tiny overlap; 400x300 is not resized.
        var query = await ComposeHybridAsync(Dom(7, "form", "Login", 0, 0, 400, 300, interactive: false), Dom(9, "button", "Sign in", 20, 70, 90, 32));

        // Act
        var answer = GuiAnswers.Hybrid(query, new CssRect(300, 250, 20, 20));

        // Assert: 310/400*1000 = 775, 260/300*1000 = 866.7 -> 866.
        Assert.Null(GuiAnswers.MatchingMark(query, new CssRect(300, 250, 20, 20)));
        Assert.Equal("(775,866)", answer);
    }

    [Fact]
    public async Task Hybrid_TwoMarksHoldTheCentre_PicksTheBestOverlap()
    {
        // Arrange: a toolbar (mark 1) and its icon button (mark 2) both hold the centre; the target is the icon.
        var query = await ComposeHybridAsync(Dom(1, "toolbar", "Tools", 0, 0, 400, 40), Dom(2, "button", "Save", 10, 5, 30, 30));

        // Act
        var mark = GuiAnswers.MatchingMark(query, new CssRect(11, 6, 28, 28));

        // Assert
        Assert.Equal(2, mark);
        Assert.Equal("Save", query.Marks[1].Name);
    }
}
