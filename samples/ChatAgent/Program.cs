using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using Agents.Core.Coordination;
using Agents.Core.Empathy;
using LocalModel.Builder;
using LocalModel.Chat;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

// A console chat agent on the local model: a ChatClientAgent with one tool, asked about an image, then the empathy
// agent (VADER tone, a support strategy chosen per turn) answering a worried message. Answers stream.
// usage: dotnet run --project samples/ChatAgent -- [<package-or-checkpoint-dir>] [<image>] [--interactive]
// Default model: the embedded LocalModel/Models/agents-mini (a 4M-parameter demo model: expect weak answers).
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var modelDir = positional.Length > 0 ? positional[0] : Path.Combine("LocalModel", "Models", "agents-mini");
var imagePath = positional.Length > 1 ? positional[1] : Path.Combine("tests", "fixtures", "tiny-llava", "image.png");
if (!Directory.Exists(modelDir) || !File.Exists(imagePath))
{
    Console.Error.WriteLine($"usage: ChatAgent [<package-or-checkpoint-dir>] [<image>] [--interactive]  (not found: {(Directory.Exists(modelDir) ? imagePath : modelDir)}; run from the repository root)");
    return 2;
}

using IChatClient model = new LocalVlmChatClient(VlmEngineLoader.Load(modelDir), ownsEngine: true);
var options = new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 64 });

// 1. An agent with a tool, and an image in the first turn.
var clock = AIFunctionFactory.Create([Description("Gets the current UTC time.")] () => DateTimeOffset.UtcNow.ToString("HH:mm"), "get_time");
var helper = new ChatClientAgent(model, "You are a helpful assistant. Use get_time when asked about the time.", "helper", tools: [clock]);
var session = await helper.CreateSessionAsync();
var picture = new ChatMessage(ChatRole.User, [new DataContent(await File.ReadAllBytesAsync(imagePath), "image/png"), new TextContent("What is in this picture?")]);
await Stream("helper", helper.RunStreamingAsync(picture, session, options));
await Stream("helper", helper.RunStreamingAsync("And what time is it?", session, options));

// 2. The empathy agent: the reading and the strategy are shown beside the answer.
var empathy = PlatformAgents.CreateEmpathyAgent(model, classifyEmotions: false);
var worried = "I have a job interview tomorrow and I'm terrified I'll mess it up.";
Console.WriteLine($"you> {worried}");
var reply = await empathy.RunAsync(worried, options: options);
var reading = reply.RawRepresentation is ChatResponse raw && raw.AdditionalProperties?.TryGetValue(EmpathyChatClient.ReadingKey, out var value) == true ? value as AffectReading : null;
Console.WriteLine($"[empathy: tone {reading?.Tone ?? "?"}, strategy {reading?.Strategy.Name ?? "?"}] {reply.Text}");

if (args.Contains("--interactive"))
{
    var chat = await empathy.CreateSessionAsync();
    while (Console.ReadLine() is { } line && line != "/exit")
    {
        await Stream("empathy", empathy.RunStreamingAsync(line, chat, options));
    }
}

return 0;

static async System.Threading.Tasks.Task Stream(string name, System.Collections.Generic.IAsyncEnumerable<AgentResponseUpdate> updates)
{
    Console.Write($"[{name}] ");
    await foreach (var update in updates)
    {
        Console.Write(update.Text);
    }

    Console.WriteLine();
}
