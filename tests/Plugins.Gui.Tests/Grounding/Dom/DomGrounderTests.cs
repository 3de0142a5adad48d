using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Dom;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Grounding.Matching;
using static Plugins.Gui.Tests.Grounding.Matching.TestCandidates;

namespace Plugins.Gui.Tests.Grounding.Dom;

public sealed class DomGrounderTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task GroundAsync_SignIn_HitsTheLogInButtonCentre()
    {
        // Arrange
        var grounder = new DomGrounder(miniLm.Generator);
        var page = Observe(SignInPage());

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("click the Sign in button", page));

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.Equal(9, result.Candidate!.Id);
        Assert.Equal(new CssPoint(420, 350), result.Point);
        Assert.InRange(result.Confidence, 0.5, 1);
        Assert.Contains("'Log in'", result.Reason, System.StringComparison.Ordinal);
        Assert.Equal("dom", grounder.Name);
    }

    [Fact]
    public async Task GroundAsync_NothingMatches_IsAMissWithTheBestScore()
    {
        // Arrange
        var grounder = new DomGrounder(miniLm.Generator);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("click the quantum flux capacitor", Observe(SignInPage())));

        // Assert
        Assert.False(result.IsHit);
        Assert.Null(result.Candidate);
        Assert.Equal(0, result.Confidence);
        Assert.Contains("under the threshold", result.Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_NoCandidates_IsAMiss()
    {
        // Arrange
        var grounder = new DomGrounder();

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("click Save", Observe()));

        // Assert
        Assert.False(result.IsHit);
        Assert.Contains("no DOM candidates", result.Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_CloseRunnerUp_LowersTheConfidence()
    {
        // Arrange
        var grounder = new DomGrounder();
        var clear = Observe(Make(1, "button", "Save", 10, 10), Make(2, "button", "Print", 200, 10));
        var close = Observe(Make(1, "button", "Save", 10, 10), Make(2, "button", "Save as", 200, 10));

        // Act
        var clearResult = await grounder.GroundAsync(new GroundingRequest("click Save", clear));
        var closeResult = await grounder.GroundAsync(new GroundingRequest("click Save", close));

        // Assert
        Assert.Equal(1, clearResult.Candidate!.Id);
        Assert.Equal(1, closeResult.Candidate!.Id);
        Assert.True(clearResult.Confidence > closeResult.Confidence, $"{clearResult.Confidence} > {closeResult.Confidence}");
    }

    [Fact]
    public async Task GroundAsync_HigherThreshold_TurnsAWeakMatchIntoAMiss()
    {
        // Arrange
        var page = Observe(Make(1, "button", "Save changes to profile", 10, 10, 200));
        var lenient = new DomGrounder();
        var strict = new DomGrounder(options: new DomGrounderOptions { MinScore = 1.2 });

        // Act
        var lenientResult = await lenient.GroundAsync(new GroundingRequest("click Save", page));
        var strictResult = await strict.GroundAsync(new GroundingRequest("click Save", page));

        // Assert
        Assert.True(lenientResult.IsHit);
        Assert.False(strictResult.IsHit);
    }

    [Fact]
    public async Task GroundAsync_Always_LogsTimingAtDebug()
    {
        // Arrange
        var logger = new ListLogger();
        var grounder = new DomGrounder(options: null, logger: logger);

        // Act
        await grounder.GroundAsync(new GroundingRequest("click Create account", Observe(SignInPage())));

        // Assert
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains(" ms", entry.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        // Act
        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => new DomGrounder(options: new DomGrounderOptions { MinScore = -1 }));

        // Assert
        Assert.Contains("MinScore", error.Message, System.StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<DomGrounder>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public System.IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, System.Exception? exception, System.Func<TState, System.Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
