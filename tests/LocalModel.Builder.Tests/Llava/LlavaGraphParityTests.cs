using Agents.TestSupport;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Builder.Tests.Llava;

/// <summary>The builder's graphs, run directly in ONNX Runtime, against the independent PyTorch goldens (fp32 tolerance 1e-4).</summary>
public class LlavaGraphParityTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-bf16")]
    [InlineData("tiny-llava-sharded")]
    public void VisionEncoder_GoldenPixels_MatchesFeaturesAndClsAttention(string checkpoint)
    {
        var package = Fixtures.Package(checkpoint);
        var golden = Fixtures.Golden(checkpoint);
        var pixels = Fixtures.Floats(golden.GetProperty("pixel_values"));
        using var session = new InferenceSession(System.IO.Path.Combine(package, "vision_encoder.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, new long[] { 1, 3, 56, 56 });
        using var outputs = session.Run(new RunOptions(), new[] { "pixel_values" }, new[] { input }, new[] { "patch_features", "cls_attention.0", "cls_attention.1" });
        var features = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(new long[] { 1, 16, 32 }, outputs[0].GetTensorTypeAndShape().Shape);
        Assert.True(Fixtures.MaxAbsDiff(features, Fixtures.Floats(golden.GetProperty("features"))) <= Tolerance);
        Assert.True(Fixtures.MaxAbsDiff(outputs[2].GetTensorDataAsSpan<float>(), Fixtures.Floats(golden.GetProperty("cls_attention").GetProperty("1"))) <= 1e-5f);
        Assert.Equal(16, outputs[1].GetTensorDataAsSpan<float>().Length);

        using var projector = new InferenceSession(System.IO.Path.Combine(package, "projector.onnx"));
        using var f = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, 16, 32 });
        using var projected = projector.Run(new RunOptions(), new[] { "patch_features" }, new[] { f }, new[] { "image_features" });
        Assert.True(Fixtures.MaxAbsDiff(projected[0].GetTensorDataAsSpan<float>(), Fixtures.Floats(golden.GetProperty("projected"))) <= Tolerance);
    }
}
