using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using Agents.Training.Writing;
using LocalModel.Chat;
using Microsoft.Extensions.AI;

namespace Agents.Training.Tests.Writing;

public sealed class TrainingSetWriterTests : IDisposable
{
    private const string Sys = LlavaV1ChatTemplate.DefaultSystemPrompt;
    private static readonly byte[] PngA = [137, 80, 78, 71, 1];
    private static readonly byte[] PngB = [137, 80, 78, 71, 2];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WriteAsync_ImageSample_WritesRenderedPromptImagePathAndMeta()
    {
        // Arrange
        var folder = Path.Combine(_temp.Path, "set");
        var sample = new TrainingSample("gui-vision", [new ChatMessage(ChatRole.User, [new DataContent(PngA, "image/png"), new TextContent("Find OK")])], null, "{\"x\":1}")
        {
            Meta = new Dictionary<string, string> { ["kind"] = "form" },
        };

        // Act
        await using (var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 7, "test"))
        {
            Assert.Equal("gui-vision-000001", await writer.WriteAsync(sample));
            await writer.CompleteAsync();
        }

        // Assert
        var line = Assert.Single(File.ReadAllLines(Path.Combine(folder, "examples.jsonl")));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(["id", "task", "prompt", "images", "answer", "meta"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("gui-vision-000001", root.GetProperty("id").GetString());
        Assert.Equal("gui-vision", root.GetProperty("task").GetString());
        Assert.Equal($"{Sys} USER: <image>\nFind OK ASSISTANT:", root.GetProperty("prompt").GetString());
        var expectedName = Convert.ToHexStringLower(SHA256.HashData(PngA))[..16] + ".png";
        Assert.Equal("images/" + expectedName, Assert.Single(root.GetProperty("images").EnumerateArray()).GetString());
        Assert.Equal("{\"x\":1}", root.GetProperty("answer").GetString());
        Assert.Equal("form", root.GetProperty("meta").GetProperty("kind").GetString());
        Assert.Equal(PngA, File.ReadAllBytes(Path.Combine(folder, "images", expectedName)));
    }

    [Fact]
    public async Task WriteAsync_SameImageTwice_StoredOnceAndIdsNumberedPerTask()
    {
        var folder = Path.Combine(_temp.Path, "set");
        TrainingSetSummary summary;
        var ids = new List<string>();
        await using (var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test"))
        {
            ids.Add(await writer.WriteAsync(ImageSample("a", PngA, "image/png")));
            ids.Add(await writer.WriteAsync(ImageSample("b", PngA, "image/png")));
            ids.Add(await writer.WriteAsync(ImageSample("a", PngB, "image/jpeg")));
            summary = await writer.CompleteAsync();
        }

        Assert.Equal(["a-000001", "b-000001", "a-000002"], ids);
        Assert.Equal(3, summary.Examples);
        Assert.Equal(2, summary.Images);
        Assert.Equal(2, summary.Counts["a"]);
        Assert.Equal(1, summary.Counts["b"]);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "images")).Length);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "images"), "*.jpg"));
    }

    [Fact]
    public async Task CompleteAsync_Manifest_HoldsSplitSeedTemplateAndCounts()
    {
        var folder = Path.Combine(_temp.Path, "set");
        var renderer = ChatPromptRenderer.ForTemplate("chatml", new LocalVlmChatClientOptions { DefaultSystemPrompt = "Be brief." });
        await using (var writer = new TrainingSetWriter(folder, renderer, "heldout", 42, "agents data train x"))
        {
            await writer.WriteAsync(TextSample("t", "hi"));
            await writer.CompleteAsync();
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal("heldout", root.GetProperty("split").GetString());
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        Assert.Equal("chatml", root.GetProperty("chat_template").GetString());
        Assert.Equal("<image>", root.GetProperty("image_placeholder").GetString());
        Assert.Equal("Be brief.", root.GetProperty("default_system_prompt").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("t").GetInt32());
        Assert.Equal("agents data train x", root.GetProperty("created_by").GetString());
    }

    [Fact]
    public async Task DisposeAsync_WithoutComplete_LeavesNoFolder()
    {
        var folder = Path.Combine(_temp.Path, "set");
        await using (var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test"))
        {
            await writer.WriteAsync(TextSample("t", "hi"));
        }

        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Constructor_NonEmptyFolderWithoutOverwrite_Throws()
    {
        var folder = Path.Combine(_temp.Path, "set");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "x.txt"), "x");

        var error = Assert.Throws<IOException>(() => new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test"));

        Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Overwrite_ReplacesOldContent()
    {
        var folder = Path.Combine(_temp.Path, "set");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "old.txt"), "x");

        await using (var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test", overwrite: true))
        {
            await writer.WriteAsync(TextSample("t", "hi"));
            await writer.CompleteAsync();
        }

        Assert.False(File.Exists(Path.Combine(folder, "old.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
    }

    [Fact]
    public async Task WriteAsync_UnrenderableSample_ThrowsNamingTask()
    {
        var folder = Path.Combine(_temp.Path, "set");
        await using var writer = new TrainingSetWriter(folder, ChatPromptRenderer.ForTemplate("llava-v1"), "train", 1, "test");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new TrainingSample("bad", [], null, "x")));

        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png", ".png")]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/webp", ".webp")]
    public void ImageFileName_MediaType_Extension(string mediaType, string extension)
    {
        var name = TrainingSetWriter.ImageFileName(PngA, mediaType);

        Assert.EndsWith(extension, name, StringComparison.Ordinal);
        Assert.Equal(16 + extension.Length, name.Length);
    }

    [Fact]
    public void ImageFileName_Gif_NotSupported() =>
        Assert.Throws<NotSupportedException>(() => TrainingSetWriter.ImageFileName(PngA, "image/gif"));

    internal static TrainingSample TextSample(string task, string text) =>
        new(task, [new ChatMessage(ChatRole.User, text)], null, "ok");

    private static TrainingSample ImageSample(string task, byte[] bytes, string mediaType) =>
        new(task, [new ChatMessage(ChatRole.User, [new DataContent(bytes, mediaType), new TextContent("?")])], null, "ok");
}
