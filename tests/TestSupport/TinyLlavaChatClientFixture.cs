using System;
using LocalModel.Chat;
using LocalModel.Generation;
using Microsoft.Extensions.AI;

namespace Agents.TestSupport;

/// <summary>
/// The local chat client over one engine on the tiny-llava package (random weights: its answers are noise, but
/// constrained decoding makes them well-formed), shared by the tests of a class. Thread-safe.
/// </summary>
public sealed class TinyLlavaChatClientFixture : IDisposable
{
    public TinyLlavaChatClientFixture()
    {
        Engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        Client = new LocalVlmChatClient(Engine, ownsEngine: false, new LocalVlmChatClientOptions { ModelId = "tiny-llava" });
    }

    /// <summary>Gets the engine (its context is <see cref="TinyLlavaEngineFixture.ContextLength"/> positions).</summary>
    public VlmEngine Engine { get; }

    /// <summary>Gets the chat client over <see cref="Engine"/>.</summary>
    public IChatClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Engine.Dispose();
    }
}
