using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Generation;
using Microsoft.Extensions.AI;

namespace LocalModel.Tests.Chat;

/// <summary>
/// The chat client over the tiny Qwen2.5-VL package: its manifest picks the <c>qwen2.5-vl</c> template and the
/// vision placeholder, and a required tool call comes back through the constraint and the parser in Qwen's form.
/// </summary>
public sealed class Qwen25VlChatClientTests : IDisposable
{
    private const string NeedsConstraint = "With random weights only constrained decoding (LocalModel.Constrained) yields this.";
    private static readonly JsonElement ClickSchema = JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"integer","minimum":0,"maximum":999},"y":{"type":"integer","minimum":0,"maximum":999}},"required":["x","y"]}""").RootElement.Clone();
    private readonly VlmEngine _engine = VlmEngine.Load(Fixtures.Package("tiny-qwen2_5_vl"));
    private readonly byte[] _image = File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-qwen2_5_vl"), "image.png"));

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void ForPackage_QwenPackage_RendersQwenTemplateWithVisionPlaceholder()
    {
        // Arrange
        var renderer = ChatPromptRenderer.ForPackage(_engine.Package.Directory);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Where is OK?"), new DataContent(_image, "image/png")]);

        // Act
        var rendered = renderer.Render([message], null);

        // Assert
        Assert.Equal(Qwen25VlChatTemplate.TemplateName, _engine.Package.Manifest.ChatTemplate);
        Assert.Same(Qwen25VlChatTemplate.Instance, renderer.Template);
        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhere is OK?<|vision_start|><|image_pad|><|vision_end|><|im_end|>\n<|im_start|>assistant\n",
            rendered.Text);
    }

    [Theory]
    [Trait("Requires", "ConstrainedDecoding")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ToolRequired_ReturnsTheParsedCall(bool streaming)
    {
        // Arrange
        using var client = new LocalVlmChatClient(_engine, ownsEngine: false);
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("click", "Clicks a point of the screenshot", ClickSchema)],
            ToolMode = ChatToolMode.RequireAny,
            AllowMultipleToolCalls = false,
            MaxOutputTokens = 60,
        };
        var question = new ChatMessage(ChatRole.User, [new DataContent(_image, "image/png"), new TextContent("Click the button.")]);

        // Act
        var response = await ChatCalls.GetAsync(client, [question], options, streaming);

        // Assert
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
        Assert.True(call is not null, $"No tool call in '{response.Text}'. {NeedsConstraint}");
        Assert.Equal("click", call.Name);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.InRange(Convert.ToInt64(call.Arguments!["x"], System.Globalization.CultureInfo.InvariantCulture), 0, 999);
        Assert.InRange(Convert.ToInt64(call.Arguments["y"], System.Globalization.CultureInfo.InvariantCulture), 0, 999);
    }
}
