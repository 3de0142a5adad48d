using System;
using System.IO;
using LocalModel.Generation;

namespace Agents.TestSupport;

/// <summary>One engine over the tiny-llava package, shared by the tests of a class (the engine is thread-safe).</summary>
public sealed class TinyLlavaEngineFixture : IDisposable
{
    /// <summary>The image token id of the tiny-llava checkpoint (config.json image_token_index).</summary>
    public const int ImageTokenId = 512;

    /// <summary>The tiny-llava context length (text_config.max_position_embeddings).</summary>
    public const int ContextLength = 512;

    /// <summary>The tiny-llava vocabulary size.</summary>
    public const int VocabSize = 514;

    public TinyLlavaEngineFixture()
    {
        PackageDirectory = Fixtures.Package("tiny-llava");
        Engine = VlmEngine.Load(PackageDirectory);
        var golden = Fixtures.Golden("tiny-llava");
        GoldenInputIds = Fixtures.Ints(golden.GetProperty("input_ids"));
        GoldenGreedyIds = Fixtures.Ints(golden.GetProperty("greedy_ids"));
        ImageBytes = File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));
    }

    public string PackageDirectory { get; }

    public VlmEngine Engine { get; }

    /// <summary>Golden prompt ids with exactly one image token.</summary>
    public int[] GoldenInputIds { get; }

    public int[] GoldenGreedyIds { get; }

    /// <summary>The encoded 56x56 fixture PNG.</summary>
    public byte[] ImageBytes { get; }

    /// <summary>A request with the golden prompt ids and <paramref name="image"/> as its one image.</summary>
    public GenerationRequest GoldenRequest(ImageInput image, int maxTokens = 4)
    {
        var request = new GenerationRequest { PromptTokenIds = GoldenInputIds, MaxTokens = maxTokens };
        request.Images.Add(image);
        return request;
    }

    public void Dispose() => Engine.Dispose();
}
