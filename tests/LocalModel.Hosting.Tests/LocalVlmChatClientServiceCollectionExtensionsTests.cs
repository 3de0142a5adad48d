using System;
using System.IO;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Packaging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LocalModel.Hosting.Tests;

public sealed class LocalVlmChatClientServiceCollectionExtensionsTests : IClassFixture<TinyLlavaEngineFixture>
{
    private readonly TinyLlavaEngineFixture _fixture;

    public LocalVlmChatClientServiceCollectionExtensionsTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Fact]
    public void AddLocalVlmChatClient_ModelPath_ResolvesLocalVlmChatClientWithOptions()
    {
        var services = new ServiceCollection();
        services.AddLocalVlmChatClient(_fixture.PackageDirectory, o => o.ChatClient.ModelId = "tiny");
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.IsType<LocalVlmChatClient>(client);
        Assert.Equal("tiny", client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void AddLocalVlmChatClient_ReturnsBuilder_LayersAddedByCallerWrapTheClient()
    {
        // Arrange
        var services = new ServiceCollection().AddLogging();
        services.AddLocalVlmChatClient(_fixture.Engine)
            .UseLogging()
            .UseFunctionInvocation();
        using var provider = services.BuildServiceProvider();

        // Act
        var client = provider.GetRequiredService<IChatClient>();

        // Assert: the first layer added is the outermost.
        Assert.IsType<LoggingChatClient>(client);
        Assert.NotNull(client.GetService<FunctionInvokingChatClient>());
        Assert.Same(_fixture.Engine, client.GetService<LocalVlmChatClient>()!.Engine);
    }

    [Fact]
    public async Task AddLocalVlmChatClient_WithLayers_AnswersThroughThePipeline()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLocalVlmChatClient(_fixture.Engine).UseLogging().UseFunctionInvocation();
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 2 });

        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 2);
    }

    [Fact]
    public void AddKeyedLocalVlmChatClient_RegistersUnderTheKeyOnly()
    {
        var services = new ServiceCollection();
        services.AddKeyedLocalVlmChatClient("local", _fixture.Engine).UseFunctionInvocation();
        using var provider = services.BuildServiceProvider();

        var keyed = provider.GetRequiredKeyedService<IChatClient>("local");

        Assert.NotNull(keyed.GetService<FunctionInvokingChatClient>());
        Assert.Null(provider.GetService<IChatClient>());
    }

    [Fact]
    public void AddLocalVlmChatClient_LoadsTheEngineOnFirstResolve()
    {
        // Arrange: a folder that exists but is no package registers fine and fails only when resolved.
        using var empty = new TempDirectory();
        var services = new ServiceCollection();
        services.AddLocalVlmChatClient(empty.Path);
        using var provider = services.BuildServiceProvider();

        // Act
        var e = Assert.Throws<ModelPackageException>(() => provider.GetRequiredService<IChatClient>());

        // Assert
        Assert.Contains("is not a model package", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLocalVlmChatClient_MissingFolder_ThrowsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DirectoryNotFoundException>(() => new ServiceCollection().AddLocalVlmChatClient(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLocalVlmChatClient_InvalidOptions_ThrowAtRegistration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddLocalVlmChatClient(_fixture.Engine, o => o.ChatClient.DefaultMaxOutputTokens = 0));
    }

    [Fact]
    public async Task DisposingProvider_DisposesEngineItLoaded_ButNotACallersEngine()
    {
        // Arrange: both behind a middleware layer, which disposes the client it wraps.
        var ownedServices = new ServiceCollection();
        ownedServices.AddLocalVlmChatClient(_fixture.PackageDirectory).UseFunctionInvocation();
        var owned = ownedServices.BuildServiceProvider();
        var ownedEngine = owned.GetRequiredService<IChatClient>().GetService<VlmEngine>()!;
        var sharedServices = new ServiceCollection();
        sharedServices.AddLocalVlmChatClient(_fixture.Engine).UseFunctionInvocation();
        var shared = sharedServices.BuildServiceProvider();
        shared.GetRequiredService<IChatClient>();

        // Act
        await owned.DisposeAsync();
        await shared.DisposeAsync();

        // Assert
        Assert.NotSame(_fixture.Engine, ownedEngine);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ownedEngine.GenerateAsync(new GenerationRequest { Prompt = "hi" }));
        var result = await _fixture.Engine.GenerateAsync(new GenerationRequest { Prompt = "hi", MaxTokens = 1 });
        Assert.True(result.Usage.PromptTokens > 0);
    }

    [Fact]
    public async Task AddLocalVlmChatClient_Checkpoint_BuildsOnceIntoThePackageCache()
    {
        // Arrange
        using var cache = new TempDirectory();
        var checkpoint = Fixtures.Dir("tiny-llava");
        var services = new ServiceCollection();
        services.AddLocalVlmChatClient(checkpoint, o => o.PackageCacheRoot = cache.Path);
        await using var provider = services.BuildServiceProvider();

        // Act
        var client = provider.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 1 });

        // Assert
        var package = client.GetService<VlmEngine>()!.Package.Directory;
        Assert.StartsWith(Path.GetFullPath(cache.Path), package, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(package, ModelManifest.FileName)));
        Assert.Equal(1, response.Usage!.OutputTokenCount);
    }
}
