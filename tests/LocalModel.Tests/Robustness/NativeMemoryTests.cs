using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using LocalModel.Generation;
using LocalModel.Imaging;
using Agents.TestSupport;

namespace LocalModel.Tests.Robustness;

/// <summary>The working set is process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeMemoryCollection
{
    public const string Name = "Native memory (not parallel)";
}

/// <summary>Many failing and succeeding requests on one engine must not leak native memory (ONNX Runtime values, bindings, image buffers).</summary>
[Collection(NativeMemoryCollection.Name)]
public class NativeMemoryTests
{
    /// <summary>
    /// The bound on working-set growth across the measured rounds: 32 MB. Generous against noise (allocator caches,
    /// JIT and GC heap sizing: 4 to 7 MB measured here over the same rounds), yet well below what leaking per-request
    /// state costs: each good request fills 487 of the 512 positions, so its KV cache alone is 8 buffers of
    /// 2 x 512 x 16 floats (512 KB); skipping the state's disposal grew the working set by 55 MB over the 100 measured
    /// good requests (and by 32 MB over 50, which a 64 MB bound would miss).
    /// </summary>
    private const long WorkingSetBoundBytes = 32L * 1024 * 1024;

    [Fact]
    public async Task GenerateAsync_ManyFailingAndGoodRequests_WorkingSetGrowsLessThanBound()
    {
        // Arrange
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        var golden = Fixtures.Golden("tiny-llava");
        var promptIds = Fixtures.Ints(golden.GetProperty("input_ids"));
        var image = System.IO.File.ReadAllBytes(System.IO.Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));
        var longPrompt = promptIds.Concat(Enumerable.Repeat(45, 460)).ToArray();
        var tooLong = Enumerable.Repeat(45, 600).Prepend(TinyLlavaEngineFixture.ImageTokenId).ToArray();
        var badImages = new[]
        {
            BadImages.Noise(4096),
            BadImages.PngHeader(30000, 30000),
            image.AsSpan(0, image.Length / 2).ToArray(),
            Array.Empty<byte>(),
        };

        async Task RoundAsync(int failing, int good)
        {
            for (var i = 0; i < failing; i++)
            {
                if (i % 5 == 4)
                {
                    // Fails after the vision encoder ran: its native values must be released too.
                    var overlong = new GenerationRequest { PromptTokenIds = tooLong, MaxTokens = 8 };
                    overlong.Images.Add(ImageInput.FromBytes(image));
                    await Assert.ThrowsAsync<ArgumentException>(() => engine.GenerateAsync(overlong));
                }
                else
                {
                    var bad = new GenerationRequest { PromptTokenIds = promptIds, MaxTokens = 8 };
                    bad.Images.Add(ImageInput.FromBytes(badImages[i % badImages.Length]));
                    await Assert.ThrowsAsync<ImageDecodeException>(() => engine.GenerateAsync(bad));
                }

                if (i % 2 == 0 && i / 2 < good)
                {
                    var request = new GenerationRequest { PromptTokenIds = longPrompt, MaxTokens = 16, IgnoreEndOfSequence = true };
                    request.Images.Add(ImageInput.FromBytes(image));
                    var result = await engine.GenerateAsync(request);
                    Assert.Equal(16, result.TokenIds.Count);
                    Assert.Equal(487, result.Usage.PromptTokens);
                }
            }
        }

        await RoundAsync(failing: 40, good: 10);
        var before = SettledWorkingSet();

        // Act
        await RoundAsync(failing: 200, good: 100);
        var after = SettledWorkingSet();

        // Assert
        var growth = after - before;
        Assert.True(growth < WorkingSetBoundBytes, $"Working set grew by {growth / 1048576.0:F1} MB ({before} -> {after} bytes) over 300 requests; bound {WorkingSetBoundBytes / 1048576} MB.");
    }

    private static long SettledWorkingSet()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
