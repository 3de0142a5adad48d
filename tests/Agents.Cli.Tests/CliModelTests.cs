using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.Cli.Tests.TestSupport;

namespace Agents.Cli.Tests;

/// <summary><c>agents model build</c> and <c>agents model info</c> on the tiny-llava fixture.</summary>
[Collection(BuiltPackageCollection.Name)]
public class CliModelTests
{
    private readonly BuiltPackageFixture _package;

    public CliModelTests(BuiltPackageFixture package) => _package = package;

    [Fact]
    public void ModelBuild_TinyLlavaCheckpoint_ExitsZeroAndWritesPackage()
    {
        // Arrange (the fixture ran 'agents model build --from tests/fixtures/tiny-llava --out <temp>')
        var result = _package.BuildResult;

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Built llava package", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_package.PackageDirectory, "vlm-package.json")));
        Assert.True(File.Exists(Path.Combine(_package.PackageDirectory, "decoder.onnx")));
    }

    [Fact]
    public async Task ModelInfoJson_BuiltPackage_ReportsLlavaWithTwoTextLayers()
    {
        // Arrange
        var package = _package.RequirePackage();

        // Act
        var result = await AgentsCli.RunAsync("model", "info", package, "--json");

        // Assert
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("llava", root.GetProperty("family").GetString());
        Assert.Equal(2, root.GetProperty("text").GetProperty("layers").GetInt32());
        Assert.Equal(514, root.GetProperty("text").GetProperty("vocab_size").GetInt32());
        Assert.Equal("manifest", root.GetProperty("layout").GetString());
        Assert.Equal("grid-999", root.GetProperty("coordinates").GetString());
    }
}
