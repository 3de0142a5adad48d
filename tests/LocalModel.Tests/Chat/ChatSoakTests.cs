using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace LocalModel.Tests.Chat;

/// <summary>Runs alone: it measures the process working set.</summary>
[Collection(Robustness.NativeMemoryCollection.Name)]
public class ChatSoakTests
{
    // Prompts of several lengths, so the requests exercise varying tensor shapes as real traffic does.
    private static readonly string[] Questions =
    {
        "Describe the image.",
        "What colours do you see?",
        "Is there any text in this picture, and if so what does it say?",
        "Count the objects.",
        "Write a short poem inspired by this image, four lines long, with a rhyme.",
    };

    private readonly ITestOutputHelper _output;

    public ChatSoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task GetResponse_ThousandSequentialRequestsWithImages_MemoryReturnsToWarmLevel()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        using var client = new LocalVlmChatClient(engine);
        var image = File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));
        var options = new ChatOptions { MaxOutputTokens = 4, Temperature = 0 };
        async Task RunAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var message = new ChatMessage(ChatRole.User, [new TextContent(Questions[i % Questions.Length]), new DataContent(image, "image/png")]);
                var response = await client.GetResponseAsync([message], options);
                Assert.NotNull(response.Usage);
            }
        }

        // Warm-up: the working set climbs ~20 MiB over the first ~1,000 requests (native allocator arenas of the
        // thread-pool threads that run prefills) and is flat after that (measured: +0 to +5 MiB per further 1,000,
        // managed heap constant), so the measured 1,000 requests come after 1,000 warm-up requests.
        await RunAsync(1000);
        var warm = WorkingSet();
        var warmManaged = GC.GetTotalMemory(forceFullCollection: true);
        await RunAsync(1000);
        var after = WorkingSet();
        var afterManaged = GC.GetTotalMemory(forceFullCollection: true);

        _output.WriteLine($"after 1,000 warm-up requests: working set {warm / 1048576.0:F1} MiB, managed {warmManaged / 1048576.0:F1} MiB; after 1,000 more: {after / 1048576.0:F1} MiB, managed {afterManaged / 1048576.0:F1} MiB");

        // Bounds: 16 MiB of working set and 2 MiB of managed heap over 1,000 requests. Leaking one request's cache
        // buffers, image tensors or response objects (tens of KiB each) would exceed them.
        Assert.True(after - warm < 16L * 1024 * 1024, $"working set grew by {(after - warm) / 1048576.0:F1} MiB over 1,000 requests");
        Assert.True(afterManaged - warmManaged < 2L * 1024 * 1024, $"managed heap grew by {(afterManaged - warmManaged) / 1048576.0:F1} MiB over 1,000 requests");
    }

    private static long WorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
