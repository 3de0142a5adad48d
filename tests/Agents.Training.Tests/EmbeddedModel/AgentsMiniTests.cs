using System.IO;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Generation;
using Plugins.Affect.Evaluation;

namespace Agents.Training.Tests.EmbeddedModel;

/// <summary>The committed embedded default model (LocalModel/Models/agents-mini) loads and does its trained job.</summary>
public sealed class AgentsMiniTests
{
    // 4 of the 14 shipped faces; the model reads 5 (model card), chance is 2. A model that answers one label, or a runtime
    // that feeds it the wrong pixels, reads 2 and fails.
    private const double MinimumFaceAccuracy = 4 / 14.0;

    private static readonly string PackageFolder = Path.Combine(Fixtures.RepoRoot, "LocalModel", "Models", "agents-mini");

    [Fact]
    public void Load_CommittedPackage_HasTheDocumentedShape()
    {
        using var engine = VlmEngine.Load(PackageFolder);

        var manifest = engine.Package.Manifest;
        Assert.Equal(196, manifest.Vision.VisualTokensPerImage);
        Assert.Equal(224, manifest.Vision.ImageSize);
        Assert.Equal("llava-v1", manifest.ChatTemplate);
        Assert.True(engine.Package.HasGraph("decoder_stage_0"), "built with --stages (FastV, PyramidDrop)");
    }

    [Fact]
    public async Task EvaluateAsync_ShippedExampleFaces_ReadsWellAboveChance()
    {
        using var client = new LocalVlmChatClient(VlmEngine.Load(PackageFolder), ownsEngine: true);
        var evaluator = new VisualEmotionEvaluator(client);

        var evaluation = await evaluator.EvaluateAsync(Path.Combine(PackageFolder, "examples", "faces"));

        Assert.Equal(14, evaluation.Count);
        Assert.True(evaluation.Accuracy >= MinimumFaceAccuracy, $"accuracy {evaluation.Accuracy:P0} on the shipped faces, expected at least {MinimumFaceAccuracy:P0}");
    }
}
