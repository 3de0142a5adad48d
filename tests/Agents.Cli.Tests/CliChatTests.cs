using System;
using System.IO;
using System.Text.Json;
using System.Linq;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>agents chat</c> and <c>agents gui</c> as a user runs them, on the tiny fixture (its answers are noise; the mechanics are what is tested).</summary>
[Collection(BuiltPackageCollection.Name)]
public sealed class CliChatTests
{
    private readonly BuiltPackageFixture _package;

    public CliChatTests(BuiltPackageFixture package) => _package = package;

    [Fact]
    public async Task Chat_TwoTurnsWithAnImageThenSave_HistoryHoldsTheImageTurnAndAnswers()
    {
        // Arrange
        var saved = _package.TempFile("chat-history.json");
        var image = Path.Combine(CliFixtures.RepoRoot, "tests", "fixtures", "tiny-llava", "image.png");
        var input = $"Hello\n/image {image}\nWhat is this?\n/save {saved}\n/exit\n";

        // Act
        // The embedded model: the handoff prompt (instructions and handoff functions) is longer than the tiny fixture's 512 positions.
        var model = Path.Combine(CliFixtures.RepoRoot, "LocalModel", "Models", "agents-mini");
        var result = await AgentsCli.RunAsync(new CliRun { StandardInput = input }, "chat", "--model", model, "--max-tokens", "96");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("[coordinator]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("attached image.png", result.StandardError, StringComparison.Ordinal);
        using var history = JsonDocument.Parse(await File.ReadAllTextAsync(saved));
        var messages = history.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, messages.Count(m => m.GetProperty("role").GetString() == "user"));
        Assert.Contains(messages, m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Contains(messages, m => m.GetProperty("role").GetString() == "user" && m.GetProperty("contents").EnumerateArray().Any(c => c.GetProperty("$type").GetString() == "data"));
    }

    [Fact]
    public async Task Chat_PromptLongerThanTheContext_TheCauseIsShown()
    {
        var result = await AgentsCli.RunAsync(new CliRun { StandardInput = "Hello\n/exit\n" }, "chat", "--model", _package.RequirePackage());

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("error: An error occurred while executing the workflow.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("512", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("the message was not kept", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_LoadSavedHistory_StartsWithItsMessages()
    {
        var saved = _package.TempFile("chat-load.json");
        await File.WriteAllTextAsync(saved, """[{"role":"user","contents":[{"$type":"text","text":"Hi"}]},{"role":"assistant","contents":[{"$type":"text","text":"Hello"}]}]""");

        var result = await AgentsCli.RunAsync(new CliRun { StandardInput = "/exit\n" }, "chat", "--model", _package.RequirePackage(), "--history", saved);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("2 messages loaded", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_HistoryNotJson_UsageErrorNamingTheFile()
    {
        var saved = _package.TempFile("chat-bad.json");
        await File.WriteAllTextAsync(saved, "not json");

        var result = await AgentsCli.RunAsync(new CliRun { StandardInput = "/exit\n" }, "chat", "--model", _package.RequirePackage(), "--history", saved);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a chat history saved with /save", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gui_UrlNotHttp_UsageError()
    {
        var result = await AgentsCli.RunAsync("gui", "--url", "file:///etc/passwd", "--task", "read it");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an http(s) URL", result.StandardError, StringComparison.Ordinal);
    }
}
