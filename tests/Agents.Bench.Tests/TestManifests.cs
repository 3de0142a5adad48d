using LocalModel.Packaging;

namespace Agents.Bench.Tests;

/// <summary>Hand-written manifests for the benchmarks' per-family choices (no package on disk).</summary>
internal static class TestManifests
{
    /// <summary>A fixed-resolution LLaVA manifest with the given [CLS] attention layers and no received-attention output.</summary>
    public static ModelManifest Llava(params int[] clsLayers)
    {
        var manifest = new ModelManifest
        {
            Family = "llava",
            Vision = new VisionManifest { ImageSize = 336, PatchSize = 14, GridHeight = 24, GridWidth = 24, VisualTokensPerImage = 576 },
            Graphs = { [ModelPackage.VisionEncoderRole] = new GraphManifest { File = "vision_encoder.onnx", Outputs = { ["features"] = "features" } } },
        };
        manifest.Vision.ClsAttentionLayers.AddRange(clsLayers);
        return manifest;
    }

    /// <summary>A dynamic-resolution (smart_resize) manifest with resize factor 28 and the given <c>max_pixels</c>.</summary>
    public static ModelManifest Dynamic(long maxPixels) => new()
    {
        Family = "qwen2_5_vl",
        Vision = new VisionManifest { PatchSize = 14, MergeSize = 2, VisualTokensPerImage = (int)(maxPixels / (28 * 28)) },
        Preprocessing = new PreprocessingManifest { Mode = "smart_resize", ResizeFactor = 28, MinPixels = 56 * 56, MaxPixels = maxPixels },
    };
}
