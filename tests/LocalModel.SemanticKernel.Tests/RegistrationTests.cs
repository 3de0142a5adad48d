using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.SemanticKernel.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LocalModel.SemanticKernel.Tests;

public sealed class RegistrationTests : IClassFixture<TinyLlavaFixture>
{
    private readonly TinyLlavaFixture _fixture;

    public RegistrationTests(TinyLlavaFixture fixture) => _fixture = fixture;

    [Fact]
    public void AddLocalVlmChatCompletion_KernelBuilder_RegistersChatCompletionServiceAndChatClient()
    {
        var kernel = Kernel.CreateBuilder().AddLocalVlmChatCompletion(_fixture.PackageDirectory).Build();

        var service = kernel.GetRequiredService<IChatCompletionService>();
        var client = kernel.Services.GetRequiredService<IChatClient>();

        Assert.NotNull(service);
        Assert.IsType<LocalVlmChatClient>(client);
        Assert.Equal("localmodel", client.GetService<ChatClientMetadata>()!.ProviderName);
    }

    [Fact]
    public void AddLocalVlmChatCompletion_WithServiceId_RegistersKeyed()
    {
        var kernel = Kernel.CreateBuilder().AddLocalVlmChatCompletion(_fixture.Engine, "local").Build();

        Assert.NotNull(kernel.GetRequiredService<IChatCompletionService>("local"));
        Assert.NotNull(kernel.Services.GetRequiredKeyedService<IChatClient>("local"));
        Assert.Null(kernel.Services.GetService<IChatClient>());
    }

    [Fact]
    public void AddLocalVlmChatCompletion_Configure_AppliesClientOptions()
    {
        var services = new ServiceCollection().AddLocalVlmChatCompletion(_fixture.PackageDirectory, configure: o =>
        {
            o.ChatClient.ModelId = "tiny";
            o.Engine.MaxConcurrentRequests = 1;
        });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.Equal("tiny", client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void AddLocalVlmChatCompletion_MissingFolder_ThrowsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-package-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DirectoryNotFoundException>(() => new ServiceCollection().AddLocalVlmChatCompletion(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLocalVlmChatCompletion_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddLocalVlmChatCompletion(_fixture.Engine, configure: o => o.MaximumIterationsPerRequest = 0));
    }

    [Fact]
    public async Task AddLocalVlmChatCompletion_ConfigureModelCalls_MiddlewareSeesEveryModelCallWithTheKernelsFunctions()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string[]>();
        var kernel = Kernel.CreateBuilder().AddLocalVlmChatCompletion(_fixture.Engine, configure: o =>
        {
            o.MaximumIterationsPerRequest = 2;
            o.ConfigureModelCalls = b => b.Use((messages, options, next, cancellationToken) =>
            {
                seen.Enqueue([.. (options?.Tools ?? []).Select(t => t.Name)]);
                return next(messages, options, cancellationToken);
            });
        }).Build();
        kernel.Plugins.AddFromFunctions("clock", [KernelFunctionFactory.CreateFromMethod(() => "12:00", "now", "Tells the time.")]);
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ExtensionData = new System.Collections.Generic.Dictionary<string, object> { ["max_tokens"] = 8 } };

        await kernel.InvokePromptAsync("What time is it?", new KernelArguments(settings));

        Assert.NotEmpty(seen);
        Assert.All(seen, tools => Assert.Equal(["clock_now"], tools)); // SK's bridge names functions plugin_function
    }

    [Fact]
    public async Task DisposingProvider_DisposesEngineItLoaded_ButNotASharedOne()
    {
        // Arrange
        var owned = new ServiceCollection().AddLocalVlmChatCompletion(_fixture.PackageDirectory).BuildServiceProvider();
        var ownedEngine = owned.GetRequiredService<IChatClient>().GetService<VlmEngine>()!;
        var shared = new ServiceCollection().AddLocalVlmChatCompletion(_fixture.Engine).BuildServiceProvider();
        shared.GetRequiredService<IChatClient>();

        // Act
        await owned.DisposeAsync();
        await shared.DisposeAsync();

        // Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ownedEngine.GenerateAsync(new GenerationRequest { Prompt = "hi" }));
        var result = await _fixture.Engine.GenerateAsync(new GenerationRequest { Prompt = "hi", MaxTokens = 1 });
        Assert.True(result.Usage.PromptTokens > 0);
    }
}
