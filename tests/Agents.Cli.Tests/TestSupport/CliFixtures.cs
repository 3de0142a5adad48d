using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Agents.Cli.Tests.TestSupport;

/// <summary>Locates the repository and the committed tiny-llava checkpoint fixture.</summary>
internal static class CliFixtures
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TinyLlava
    {
        get
        {
            var path = Path.Combine(RepoRoot, "tests", "fixtures", "tiny-llava");
            return File.Exists(Path.Combine(path, "model.safetensors"))
                ? path
                : throw new DirectoryNotFoundException($"Fixture '{path}' is missing; regenerate it with '/usr/bin/python3 tests/fixtures/scripts/make_tiny_llava.py' (see tests/fixtures/README.md).");
        }
    }

    public static string TinyLlavaImage => Path.Combine(TinyLlava, "image.png");

    public static JsonElement Golden()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TinyLlava, "golden.json")));
        return doc.RootElement.Clone();
    }

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();

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
