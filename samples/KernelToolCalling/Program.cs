using System;
using System.ComponentModel;
using System.IO;
using LocalModel.Builder;
using LocalModel.SemanticKernel;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

// A Semantic Kernel kernel on the local model: the user sends a photo and a question, the model must call the
// plugin (FunctionChoiceBehavior.Required), SK invokes it and the model answers from its result.
// usage: dotnet run --project samples/KernelToolCalling -- <package-or-checkpoint-dir> <image>
// With the embedded tiny model (random weights) the call itself is well-formed because decoding is constrained to the
// plugin's schema; the final answer is gibberish. Names and descriptions are short to fit its 512-position context.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: KernelToolCalling <package-or-checkpoint-dir> <image>");
    return 2;
}

var builder = Kernel.CreateBuilder();
builder.AddLocalVlmChatCompletion(PackageCache.Resolve(args[0]), configure: o =>
{
    o.MaximumIterationsPerRequest = 1;

    // A short system prompt: the embedded tiny model has a 512-position context.
    o.ChatClient.DefaultSystemPrompt = "Use the tools.";
});
builder.Plugins.AddFromType<WeatherPlugin>("W");
var kernel = builder.Build();

var history = new ChatHistory();
history.AddUserMessage([new ImageContent(File.ReadAllBytes(args[1]), "image/png"), new TextContent("Weather here?")]);
var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 200, FunctionChoiceBehavior = FunctionChoiceBehavior.Required() };

var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, settings, kernel);
Console.WriteLine(reply.Content);
return 0;

/// <summary>A plugin the model can call.</summary>
internal sealed class WeatherPlugin
{
    /// <summary>Cities the plugin knows.</summary>
    public enum City
    {
        /// <summary>Oslo.</summary>
        Oslo,

        /// <summary>Paris.</summary>
        Paris,

        /// <summary>Tokyo.</summary>
        Tokyo,
    }

    [KernelFunction("get_weather")]
    [Description("Weather in a city")]
    public string GetWeather(City city)
    {
        var weather = city switch { City.Oslo => "snow, -3 C", City.Paris => "sunny, 18 C", _ => "rain, 12 C" };
        Console.Error.WriteLine($"[get_weather({city}) -> {weather}]");
        return weather;
    }
}
