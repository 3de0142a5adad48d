using Agents.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class SupportResponderTests
{
    [Fact]
    public async Task RespondAsync_Strategy_SystemPromptGivesDefinitionThenConversation()
    {
        // Arrange
        var inner = new RecordingChatClient("  You sound worn out by all of this.  ");
        var responder = new SupportResponder(inner, new SupportOptions { ResponderMaxOutputTokens = 40 });
        List<ChatMessage> conversation = [new(ChatRole.User, "Work has been so much lately."), new(ChatRole.Assistant, "I hear you."), new(ChatRole.User, "I cannot keep up.")];

        // Act
        var reply = await responder.RespondAsync(conversation, "reflection_of_feelings");

        // Assert
        Assert.Equal("reflection_of_feelings", reply.Strategy);
        Assert.Equal(SupportStrategySet.Default.Find("reflection_of_feelings")!.Definition, reply.Definition);
        Assert.Equal("You sound worn out by all of this.", reply.Text);
        var (_, messages, options) = inner.Calls.Single();
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        Assert.Contains("Strategy: reflection_of_feelings: Name the emotions the seeker seems to feel and show that you understand why.", messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("I cannot keep up.", messages[3].Text);
        Assert.Equal(40, options!.MaxOutputTokens);
        Assert.Equal(ChatResponseFormat.Text, options.ResponseFormat);
    }

    [Fact]
    public async Task RespondAsync_UnknownStrategy_ThrowsNamingParameter()
    {
        var responder = new SupportResponder(new RecordingChatClient("x"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => responder.RespondAsync([new(ChatRole.User, "Hi")], "advice"));

        Assert.Equal("strategy", error.ParamName);
    }
}
