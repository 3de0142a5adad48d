using System;
using System.ComponentModel;
using System.Linq;
using LocalModel.Builder;
using LocalModel.Embeddings;
using LocalModel.SemanticKernel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;

// A kernel with more tools than a small model can read: every model call of SK's function-calling loop is offered
// only the shortlist the hybrid retriever (BM25 + all-MiniLM-L6-v2, reciprocal-rank fusion) picks for the request,
// while SK can still invoke any function. The shortlist is logged (Information) by the middleware.
// usage: dotnet run --project samples/ToolShortlist -- <package-or-checkpoint-dir> ["<request>"]
// With the embedded tiny model (random weights) the call is well-formed (decoding is constrained to the shortlisted
// schemas) but its choice among them is arbitrary; the shortlist itself is real.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ToolShortlist <package-or-checkpoint-dir> [\"<request>\"]");
    return 2;
}

var request = args.Length > 1 ? args[1] : "Will I need an umbrella in Lisbon tomorrow?";
using var embedder = new MiniLmEmbeddingGenerator();
var retriever = ToolRetrievers.Create("hybrid", embedder);

var builder = Kernel.CreateBuilder();
builder.Services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
builder.AddLocalVlmChatCompletion(PackageCache.Resolve(args[0]), configure: o =>
{
    o.MaximumIterationsPerRequest = 1;
    o.ChatClient.DefaultSystemPrompt = "Use the tools.";

    // Between SK's function-calling loop and the model. One tool per call fits the tiny model's 512 positions (its
    // tokenizer spends about one token per character); a real model takes the default shortlist of 5.
    o.ConfigureModelCalls = b => b.UseToolSelection(retriever, s => s.TopK = 1);
});
builder.Plugins.AddFromType<WeatherPlugin>("weather");
builder.Plugins.AddFromType<CalendarPlugin>("calendar");
builder.Plugins.AddFromType<MailPlugin>("mail");
builder.Plugins.AddFromType<MusicPlugin>("music");
var kernel = builder.Build();

// What the retriever ranks, without the model.
var catalog = ToolCatalog.FromKernelPlugins(kernel.Plugins, kernel);
var ranked = await retriever.RetrieveAsync(catalog, new ToolQuery(request), topK: 3);
Console.WriteLine($"{catalog.Count} tools; best for \"{request}\": {string.Join(", ", ranked.Select(m => m.Tool.Name))}");

var history = new ChatHistory();
history.AddUserMessage(request);
var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 100, FunctionChoiceBehavior = FunctionChoiceBehavior.Required() };
var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, settings, kernel);
Console.WriteLine(reply.Content);
return 0;

/// <summary>Weather tools.</summary>
internal sealed class WeatherPlugin
{
    [KernelFunction("forecast"), Description("Forecast for a city: rain, temperature.")]
    public string Forecast([Description("City")] string city) => Report($"forecast({city})", "rain likely, 14 C");

    [KernelFunction("current"), Description("Weather observed in a city right now.")]
    public string Current([Description("City")] string city) => Report($"current({city})", "cloudy, 12 C");

    [KernelFunction("history"), Description("Recorded weather of a city on a past date.")]
    public string History([Description("City")] string city, [Description("Date, YYYY-MM-DD")] string date) => Report($"history({city}, {date})", "dry, 20 C");

    private static string Report(string call, string result)
    {
        Console.Error.WriteLine($"[{call} -> {result}]");
        return result;
    }
}

/// <summary>Calendar tools.</summary>
internal sealed class CalendarPlugin
{
    [KernelFunction("create_event"), Description("Adds an event to the calendar.")]
    public string Create([Description("Title")] string title, [Description("Start, ISO 8601")] string start) => $"created {title} at {start}";

    [KernelFunction("delete_event"), Description("Removes an event from the calendar.")]
    public string Delete([Description("Title")] string title) => $"deleted {title}";

    [KernelFunction("list_events"), Description("Lists the calendar's events on a day.")]
    public string List([Description("Day, YYYY-MM-DD")] string day) => $"nothing on {day}";
}

/// <summary>Mail tools.</summary>
internal sealed class MailPlugin
{
    [KernelFunction("send"), Description("Sends an email now.")]
    public string Send([Description("Recipient")] string to, [Description("Text")] string body) => $"sent to {to}: {body.Length} characters";

    [KernelFunction("draft"), Description("Saves an email as a draft without sending it.")]
    public string Draft([Description("Recipient")] string to, [Description("Text")] string body) => $"draft for {to}: {body.Length} characters";

    [KernelFunction("search"), Description("Finds emails by sender or words.")]
    public string Search([Description("Words")] string query) => $"no mail about {query}";
}

/// <summary>Music tools.</summary>
internal sealed class MusicPlugin
{
    [KernelFunction("play"), Description("Plays a song, album or artist.")]
    public string Play([Description("What to play")] string what) => $"playing {what}";

    [KernelFunction("pause"), Description("Pauses the music.")]
    public string Pause() => "paused";
}
