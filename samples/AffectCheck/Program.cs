using System;
using System.Linq;
using LocalModel.Builder;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Plugins.Affect.Emotions;
using Plugins.Affect.Stimuli;
using Plugins.Affect.Support;
using Plugins.Affect.Text;

// Reads a user's message the way an empathetic agent does: VADER's offline sentiment and the words behind it, the
// model's emotions (HEF hints from the lexicon first, constrained to the label set), then an ESConv-style support
// strategy and a reply that uses it. The internal classification prompts carry an EmotionPrompt stimulus; the reply
// the user reads never does.
// usage: dotnet run --project samples/AffectCheck -- <package-or-checkpoint-dir> ["<message>"]
// With the embedded tiny model (random weights) the emotions and the strategy are well-formed but arbitrary, and the
// reply is gibberish; the sentiment line is real (VADER needs no model).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: AffectCheck <package-or-checkpoint-dir> [\"<message>\"]");
    return 2;
}

var message = args.Length > 1 ? args[1] : "I failed my driving test again and I feel so stupid.";

var sentiment = VaderSentimentAnalyzer.Shared.Analyze(message);
Console.WriteLine($"sentiment: compound {sentiment.Compound:+0.000;-0.000}, neg {sentiment.Negative:0.000} neu {sentiment.Neutral:0.000} pos {sentiment.Positive:0.000}; drivers: {string.Join(", ", sentiment.Drivers.Select(d => $"{d.Word} {d.Valence:+0.00;-0.00}"))}");

using IChatClient model = new LocalVlmChatClient(VlmEngineLoader.Load(args[0]), ownsEngine: true, new LocalVlmChatClientOptions { DefaultSystemPrompt = "Be brief." });

// Internal task prompts only: a self-monitoring stimulus appended after the task prompt.
using var internalTasks = model.AsBuilder().UseEmotionalStimulus(o =>
{
    o.Enabled = true;
    o.Theory = StimulusTheory.SelfMonitoring;
}).Build();

var emotions = await new EmotionClassifier(internalTasks, sentimentAnalyzer: VaderSentimentAnalyzer.Shared).ClassifyAsync(message);
Console.WriteLine($"emotions: [{string.Join(", ", emotions.Emotions)}] ({emotions.LabelSet}); hinted: {string.Join(", ", emotions.Hints?.Candidates.Select(c => c.Emotion) ?? [])}");

// The tiny model's 512 positions cannot hold the strategy definitions; a real model can (the default).
var support = new SupportOptions { PlannerIncludesDefinitions = false, ResponderMaxOutputTokens = 48 };
var log = new StrategyLog();
var conversation = new SupportConversation(new SupportStrategyPlanner(internalTasks, support), new SupportResponder(model, support), log);
var reply = await conversation.RespondAsync([new ChatMessage(ChatRole.User, message)]);
Console.WriteLine($"strategy: {reply.Strategy} ({reply.Definition})");
Console.WriteLine($"reply: {reply.Text}");
return 0;
