using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Agents.TestSupport;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Tests.Chat;

/// <summary>The renderer builds exactly the prompt the client's mapper builds, without a model.</summary>
public sealed class ChatPromptRendererTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const string Sys = LlavaV1ChatTemplate.DefaultSystemPrompt;
    private readonly TinyLlavaEngineFixture _fixture;

    public ChatPromptRendererTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Shapes => new(ShapeCases.Keys);

    private static Dictionary<string, (ChatMessage[] Messages, ChatOptions? Options)> ShapeCases { get; } = BuildShapes();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Render_Shape_EqualsMappedPrompt(string shape)
    {
        // Arrange
        var (messages, options) = ShapeCases[shape];
        var renderer = ChatPromptRenderer.ForPackage(_fixture.PackageDirectory);

        // Act
        var rendered = renderer.Render(messages, options);
        var mapped = Mapper().Map(messages, options);

        // Assert
        Assert.Equal(mapped.Prompt.Text, rendered.Text);
        Assert.Equal(mapped.Request.Images.Count, rendered.Images.Count);
        for (var i = 0; i < rendered.Images.Count; i++)
        {
            Assert.True(mapped.Request.Images[i].Data.Span.SequenceEqual(rendered.Images[i].Data.Span));
        }
    }

    [Fact]
    public void Render_ImageAndText_MatchesHandWrittenLlavaPrompt()
    {
        // Arrange
        var bytes = new byte[] { 1, 2, 3 };
        var renderer = ChatPromptRenderer.ForTemplate("llava-v1");

        // Act
        var rendered = renderer.Render([new ChatMessage(ChatRole.User, [new DataContent(bytes, "image/png"), new TextContent("What is this?")])], null);

        // Assert
        Assert.Equal($"{Sys} USER: <image>\nWhat is this? ASSISTANT:", rendered.Text);
        var image = Assert.Single(rendered.Images);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(bytes, image.Data.ToArray());
    }

    [Fact]
    public void Render_InstructionsAndDefaultSystemPrompt_InstructionsReplaceDefault()
    {
        var renderer = new ChatPromptRenderer(LlavaV1ChatTemplate.Instance, new LocalVlmChatClientOptions { DefaultSystemPrompt = "Default." });

        var withDefault = renderer.Render([new ChatMessage(ChatRole.User, "Hi")], null);
        var withInstructions = renderer.Render([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Instructions = "Be brief." });

        Assert.Equal("Default. USER: Hi ASSISTANT:", withDefault.Text);
        Assert.Equal("Be brief. USER: Hi ASSISTANT:", withInstructions.Text);
        Assert.Equal("Default.", renderer.DefaultSystemPrompt);
    }

    [Fact]
    public void Render_TwoImagesInTwoMessages_ImagesInPromptOrder()
    {
        var first = new DataContent(new byte[] { 1 }, "image/png");
        var second = new DataContent(new byte[] { 2 }, "image/jpeg");

        var rendered = ChatPromptRenderer.ForTemplate("chatml").Render(
            [new ChatMessage(ChatRole.User, [first, new TextContent("a")]), new ChatMessage(ChatRole.Assistant, "ok"), new ChatMessage(ChatRole.User, [second, new TextContent("b")])],
            null);

        Assert.Equal(2, rendered.Text.Split("<image>").Length - 1);
        Assert.Equal(["image/png", "image/jpeg"], rendered.Images.Select(i => i.MediaType));
        Assert.Equal(new byte[] { 1 }, rendered.Images[0].Data.ToArray());
        Assert.Equal(new byte[] { 2 }, rendered.Images[1].Data.ToArray());
    }

    [Fact]
    public void Render_FileUri_ReadsTheFile()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "x.png");
        File.WriteAllBytes(path, [9, 8, 7]);

        var rendered = ChatPromptRenderer.ForTemplate("llava-v1").Render([new ChatMessage(ChatRole.User, [new UriContent(new Uri(path), "image/png"), new TextContent("?")])], null);

        Assert.Equal(new byte[] { 9, 8, 7 }, Assert.Single(rendered.Images).Data.ToArray());
    }

    [Fact]
    public void Render_CustomPlaceholder_WrittenWhereTheImageGoes()
    {
        var rendered = new ChatPromptRenderer(LlavaV1ChatTemplate.Instance, imagePlaceholder: "<img/>").Render(
            [new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "image/png"), new TextContent("x")])], null);

        Assert.Equal($"{Sys} USER: <img/>\nx ASSISTANT:", rendered.Text);
    }

    [Fact]
    public void Render_EmptyMessages_SameErrorAsClient()
    {
        var renderer = ChatPromptRenderer.ForTemplate("llava-v1");

        var rendererError = Assert.Throws<ArgumentException>(() => renderer.Render([], null));
        var mapperError = Assert.Throws<ArgumentException>(() => Mapper().Map([], null));

        Assert.Equal(mapperError.Message, rendererError.Message);
    }

    [Fact]
    public void Render_RequireSpecificUnknownTool_SameErrorAsClient()
    {
        var options = new ChatOptions { Tools = [Tool("get_weather")], ToolMode = ChatToolMode.RequireSpecific("nope") };
        ChatMessage[] messages = [new ChatMessage(ChatRole.User, "Hi")];

        var rendererError = Assert.Throws<ArgumentException>(() => ChatPromptRenderer.ForPackage(_fixture.PackageDirectory).Render(messages, options));
        var mapperError = Assert.Throws<ArgumentException>(() => Mapper().Map(messages, options));

        Assert.Equal(mapperError.Message, rendererError.Message);
    }

    [Fact]
    public void Render_NonImageDataContent_NotSupported()
    {
        var renderer = ChatPromptRenderer.ForTemplate("llava-v1");

        var error = Assert.Throws<NotSupportedException>(() => renderer.Render([new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "audio/wav")])], null));

        Assert.Contains("audio/wav", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForTemplate_UnknownName_ListsKnown()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatPromptRenderer.ForTemplate("nope"));

        Assert.Contains("chatml", error.Message, StringComparison.Ordinal);
        Assert.Contains("llava-v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForPackage_TinyLlava_UsesManifestTemplateAndPlaceholder()
    {
        var renderer = ChatPromptRenderer.ForPackage(_fixture.PackageDirectory);

        Assert.Equal(_fixture.Engine.Package.Manifest.ChatTemplate, renderer.Template.Name, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(_fixture.Engine.Package.Manifest.SpecialTokens.ImageText, renderer.ImagePlaceholder);
    }

    private static Dictionary<string, (ChatMessage[] Messages, ChatOptions? Options)> BuildShapes()
    {
        var image = new DataContent(new byte[] { 137, 80, 78, 71 }, "image/png");
        var image2 = new DataContent(new byte[] { 255, 216, 255 }, "image/jpeg");
        var tools = new List<AITool> { Tool("get_weather"), Tool("get_time") };
        var call = new FunctionCallContent("c1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" });
        ChatMessage[] history =
        [
            new ChatMessage(ChatRole.User, "Weather in Oslo?"),
            new ChatMessage(ChatRole.Assistant, [call]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "rain, 4 C")]),
            new ChatMessage(ChatRole.User, "And the time?"),
        ];
        return new Dictionary<string, (ChatMessage[], ChatOptions?)>(StringComparer.Ordinal)
        {
            ["text"] = ([new ChatMessage(ChatRole.User, "Hi")], null),
            ["image+text"] = ([new ChatMessage(ChatRole.User, [image, new TextContent("What is this?")])], null),
            ["two images"] = ([new ChatMessage(ChatRole.User, [image, new TextContent("Compare"), image2])], new ChatOptions { MaxOutputTokens = 8 }),
            ["system messages"] = ([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(new ChatRole("developer"), "Answer in English."), new ChatMessage(ChatRole.User, "Hi")], null),
            ["instructions"] = ([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Instructions = "You are a bot." }),
            ["tools auto"] = ([new ChatMessage(ChatRole.User, "Weather?")], new ChatOptions { Tools = tools }),
            ["tools require any"] = ([new ChatMessage(ChatRole.User, "Weather?")], new ChatOptions { Tools = tools, ToolMode = ChatToolMode.RequireAny }),
            ["tools require specific"] = ([new ChatMessage(ChatRole.User, "Weather?")], new ChatOptions { Tools = tools, ToolMode = ChatToolMode.RequireSpecific("get_time") }),
            ["tools none"] = ([new ChatMessage(ChatRole.User, "Weather?")], new ChatOptions { Tools = tools, ToolMode = ChatToolMode.None }),
            ["tool history"] = (history, new ChatOptions { Tools = tools }),
            ["tool result with image"] = (
                [new ChatMessage(ChatRole.User, "Look"), new ChatMessage(ChatRole.Assistant, [call]), new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", new AIContent[] { new TextContent("here"), image })])],
                new ChatOptions { Tools = tools }),
            ["json format"] = ([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json }),
        };
    }

    private static AIFunction Tool(string name) =>
        AIFunctionFactory.Create((string city) => city, name, $"Does {name} for a city.");

    private ChatRequestMapper Mapper()
    {
        var options = new LocalVlmChatClientOptions();
        var engine = _fixture.Engine;
        return new ChatRequestMapper(engine.Tokenizer, engine.Package.Manifest, ChatTemplates.Get(engine.Package.Manifest.ChatTemplate), options, NullLogger.Instance);
    }
}
