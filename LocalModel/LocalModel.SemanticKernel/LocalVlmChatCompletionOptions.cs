using System;
using LocalModel.Chat;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;

namespace LocalModel.SemanticKernel;

/// <summary>What the Semantic Kernel registration extensions create: the engine, the chat client and the function-calling loop.</summary>
public sealed class LocalVlmChatCompletionOptions
{
    /// <summary>Gets the engine options (execution provider, context length, queue bounds, ...).</summary>
    public VlmEngineOptions Engine { get; } = new();

    /// <summary>Gets the chat client options (template, default system prompt, pruning methods, ...).</summary>
    public LocalVlmChatClientOptions ChatClient { get; } = new();

    /// <summary>
    /// Gets or sets the most model calls one request may make while Semantic Kernel invokes functions (the
    /// <c>FunctionInvokingChatClient.MaximumIterationsPerRequest</c> of its bridge); on the last, no tools are offered.
    /// Null (default) keeps Semantic Kernel's default. Small local models may call tools again and again: a low cap bounds that.
    /// </summary>
    public int? MaximumIterationsPerRequest { get; set; }

    /// <summary>
    /// Gets or sets middleware for every model call Semantic Kernel makes: it runs on the builder after
    /// <c>UseKernelFunctionInvocation</c>, so what it adds sits between the function-calling loop and the model (for
    /// example <c>b =&gt; b.UseToolSelection()</c> offers each call only the shortlisted functions, while the loop still
    /// invokes any function of the kernel). Null (default) adds nothing.
    /// </summary>
    public Action<ChatClientBuilder>? ConfigureModelCalls { get; set; }

    /// <summary>Throws naming the first invalid option.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        Engine.Validate();
        ChatClient.Validate();
        if (MaximumIterationsPerRequest is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumIterationsPerRequest), MaximumIterationsPerRequest, "MaximumIterationsPerRequest must be at least 1.");
        }
    }
}
