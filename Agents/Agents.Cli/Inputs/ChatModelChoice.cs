using System;
using System.ClientModel;
using System.CommandLine;
using Agents.Cli.Commands;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Agents.Cli.Inputs;

/// <summary>
/// The model options of the agent commands: <c>--model</c> (a package or checkpoint; default the embedded one) or
/// <c>--endpoint</c> (an OpenAI-compatible server, e.g. <c>agents serve</c> or vLLM) with <c>--api-key</c> and
/// <c>--model-id</c>, and <c>--cpu</c>.
/// </summary>
internal sealed class ChatModelChoice
{
    public Option<string> Model { get; } = CliOptions.Text("--model", $"The local model: a package folder or a checkpoint folder (llava-hf or Qwen2.5-VL). Default: the embedded {DefaultModel.Id}.", "package-or-checkpoint");

    public Option<string> Endpoint { get; } = CliOptions.Text("--endpoint", "Use an OpenAI-compatible server instead of the local model: its base URL, e.g. http://127.0.0.1:8080/v1 (agents serve) or a vLLM cluster.", "url");

    public Option<string> ApiKey { get; } = CliOptions.Text("--api-key", $"The key for --endpoint. Default: ${ServeCommand.ApiKeyVariable}, else none.", "key");

    public Option<string> ModelId { get; } = CliOptions.Text("--model-id", $"The model id to ask --endpoint for. Default: {DefaultModel.Id}.", "id");

    public Option<bool> Cpu { get; } = CliOptions.Flag("--cpu", "Run the local model on the CPU even when CUDA is available.");

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Endpoint);
        command.Add(ApiKey);
        command.Add(ModelId);
        command.Add(Cpu);
    }

    /// <summary>Opens the chosen model.</summary>
    /// <exception cref="UsageException">Both --model and --endpoint were given, or the endpoint is not an http(s) URL.</exception>
    public Lease Open(ParseResult parse, CliServices services)
    {
        if (parse.GetValue(Endpoint) is { } endpoint)
        {
            if (parse.GetValue(Model) is not null)
            {
                throw new UsageException("Give --model or --endpoint, not both.");
            }

            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"--endpoint '{endpoint}' is not an http(s) URL; give the OpenAI base URL, e.g. http://127.0.0.1:8080/v1.");
            }

            var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ServeCommand.ApiKeyVariable) ?? "none";
            var id = parse.GetValue(ModelId) ?? DefaultModel.Id;
            var remote = new OpenAI.Chat.ChatClient(id, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = uri }).AsIChatClient();
            return new Lease(remote, null, $"{id} at {uri}");
        }

        var package = ModelResolver.Resolve("--model", DefaultModel.Or(parse.GetValue(Model)), services.Console, quiet: true);
        var engine = VlmEngine.Load(package, new VlmEngineOptions
        {
            ExecutionProvider = parse.GetValue(Cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto,
        }, services.Loggers);
        var local = new LocalVlmChatClient(engine, ownsEngine: true, new LocalVlmChatClientOptions { ModelId = DefaultModel.Id }, services.Loggers);
        return new Lease(local, engine, $"{package} on {engine.ExecutionProvider}");
    }

    /// <summary>The opened model: its chat client, the local engine (null for an endpoint) and a description for people.</summary>
    internal sealed class Lease(IChatClient client, VlmEngine? engine, string description) : IDisposable
    {
        public IChatClient Client { get; } = client;

        public VlmEngine? Engine { get; } = engine;

        public string Description { get; } = description;

        public void Dispose() => Client.Dispose();
    }
}
