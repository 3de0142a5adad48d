using System;
using System.IO;
using System.Linq;
using LocalModel.Chat;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Plugins.Affect;
using Samples.SdkEmbedding;

// Embedding the platform in an app through dependency injection: a generic host registers the local model as an
// IChatClient (and as Semantic Kernel's chat completion service), the affect plugin, a kernel holding it, and an
// Agent Framework agent whose tools are the kernel's functions. Options come from appsettings.json.
// usage (from the repository root): dotnet run --project samples/SdkEmbedding [-- Assistant:Question="..."]
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.Configure<AssistantOptions>(builder.Configuration.GetSection("Assistant"));
var modelPath = Path.GetFullPath(builder.Configuration["Assistant:ModelPath"] ?? "LocalModel/Models/agents-mini");

builder.Services.AddLocalVlmChatClient(modelPath).UseLogging();
builder.Services.AddAffectPlugin();
builder.Services.AddKernel().Plugins.AddFromType<AffectPlugin>("affect");
builder.Services.AddSingleton<AIAgent>(sp =>
{
    var options = sp.GetRequiredService<IOptions<AssistantOptions>>().Value;
    var kernel = sp.GetRequiredService<Kernel>();
    var tools = kernel.Plugins.SelectMany(p => p.AsAIFunctions(kernel)).Where(f => f.Name.EndsWith("analyze_sentiment", StringComparison.Ordinal)).Cast<AITool>().ToList();
    return new ChatClientAgent(sp.GetRequiredService<IChatClient>(), options.Instructions, "assistant", tools: tools);
});

using var host = builder.Build();
var settings = host.Services.GetRequiredService<IOptions<AssistantOptions>>().Value;
var agent = host.Services.GetRequiredService<AIAgent>();

// Per-request pruning options travel as ChatOptions.AdditionalProperties under their documented names.
var chatOptions = new ChatOptions { MaxOutputTokens = settings.MaxOutputTokens, AdditionalProperties = [] };
if (settings.PruningMethod is { Length: > 0 } method)
{
    chatOptions.AdditionalProperties[LocalVlmRequestSettings.PruningMethodKey] = method;
}

if (settings.VisualTokenBudget is { Length: > 0 } budget)
{
    chatOptions.AdditionalProperties[LocalVlmRequestSettings.VisualTokenBudgetKey] = budget;
}

Console.WriteLine($"model: {modelPath}; agent '{agent.Name}' with {string.Join(", ", ((ChatClientAgent)agent).GetService<ChatOptions>()?.Tools?.Select(t => t.Name) ?? [])}");
Console.WriteLine($"you> {settings.Question}");
var response = await agent.RunAsync(settings.Question, options: new ChatClientAgentRunOptions(chatOptions));
Console.WriteLine($"[assistant] {response.Text}");
Console.WriteLine($"usage: {response.Usage?.InputTokenCount} prompt tokens, {response.Usage?.OutputTokenCount} completion tokens");

// The kernel from the same container: SK's chat completion service is the same local model.
var kernelFromHost = host.Services.GetRequiredService<Kernel>();
var sentiment = await kernelFromHost.InvokeAsync("affect", "analyze_sentiment", new KernelArguments { ["text"] = settings.Question });
Console.WriteLine($"affect.analyze_sentiment: {sentiment.GetValue<object>()}");
return 0;
