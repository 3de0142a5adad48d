using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.Json;
using LocalModel.Builder;

namespace Agents.TestSupport;

/// <summary>Locates committed fixtures and builds model packages from them once per test run.</summary>
public static class Fixtures
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Packages = new(StringComparer.Ordinal);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Dir(string name)
    {
        var path = Path.Combine(RepoRoot, "tests", "fixtures", name);
        return Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"Fixture '{path}' is missing; regenerate it with the script under tests/fixtures/scripts (make_tiny_llava.py, make_tiny_qwen2_5_vl.py; see tests/fixtures/README.md).");
    }

    /// <summary>Builds (once) a package from a checkpoint fixture with the given dtype and decoder flavour and returns its folder.</summary>
    public static string Package(string checkpoint, string dtype = "fp32", bool staged = false, string flavour = "standard") =>
        Packages.GetOrAdd($"{checkpoint}|{dtype}|{staged}|{flavour}", _ => new Lazy<string>(() =>
        {
            var output = Path.Combine(Path.GetTempPath(), "localmodel-tests", $"{checkpoint}-{dtype}{(staged ? "-staged" : string.Empty)}-{flavour}-{Environment.ProcessId}");
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }

            var options = new PackageBuildOptions { DType = dtype, DecoderFlavour = flavour };
            if (ModelPackageBuilder.ModelType(Dir(checkpoint)) == "llava")
            {
                options.ClsAttentionLayers = new[] { 0, 1 };
            }

            if (staged)
            {
                options.DecoderStageBoundaries.Add(1);
            }

            new ModelPackageBuilder().Build(Dir(checkpoint), output, options);
            return output;
        })).Value;

    public static JsonElement Golden(string checkpoint)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Dir(checkpoint), "golden.json")));
        return doc.RootElement.Clone();
    }

    public static float[] Floats(JsonElement element)
    {
        var result = new float[element.GetArrayLength()];
        var i = 0;
        foreach (var e in element.EnumerateArray())
        {
            result[i++] = e.GetSingle();
        }

        return result;
    }

    public static int[] Ints(JsonElement element)
    {
        var result = new int[element.GetArrayLength()];
        var i = 0;
        foreach (var e in element.EnumerateArray())
        {
            result[i++] = e.GetInt32();
        }

        return result;
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        }

        return max;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Agents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' contains Agents.sln.");
    }
}
