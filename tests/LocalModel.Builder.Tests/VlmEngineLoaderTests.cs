using System;
using System.IO;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.Packaging;

namespace LocalModel.Builder.Tests;

public sealed class VlmEngineLoaderTests
{
    [Fact]
    public void VlmEngineLoad_Checkpoint_ThrowsNamingTheLoaderToUse()
    {
        var checkpoint = Fixtures.Dir("tiny-llava");

        var e = Assert.Throws<ModelPackageException>(() => VlmEngine.Load(checkpoint));

        Assert.Contains("llava-hf checkpoint", e.Message, StringComparison.Ordinal);
        Assert.Contains("VlmEngineLoader.Load", e.Message, StringComparison.Ordinal);
        Assert.Contains("AddLocalVlmChatClient", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Checkpoint_BuildsOnceIntoTheCacheAndReusesIt()
    {
        // Arrange
        using var cache = new TempDirectory();
        var checkpoint = Fixtures.Dir("tiny-llava");

        // Act
        string first;
        using (var engine = VlmEngineLoader.Load(checkpoint, cacheRoot: cache.Path))
        {
            first = engine.Package.Directory;
        }

        var written = File.GetLastWriteTimeUtc(Path.Combine(first, ModelManifest.FileName));
        using var again = VlmEngineLoader.Load(checkpoint, cacheRoot: cache.Path);

        // Assert
        Assert.StartsWith(Path.GetFullPath(cache.Path), first, StringComparison.Ordinal);
        Assert.Equal(first, again.Package.Directory);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(first, ModelManifest.FileName)));
        Assert.Single(Directory.GetDirectories(cache.Path));
    }

    [Fact]
    public void Load_Package_LoadsItInPlace()
    {
        var package = Fixtures.Package("tiny-llava");

        using var engine = VlmEngineLoader.Load(package);

        Assert.Equal(Path.GetFullPath(package), engine.Package.Directory);
    }
}
