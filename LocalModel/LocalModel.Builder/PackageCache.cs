using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using LocalModel.Packaging;

namespace LocalModel.Builder;

/// <summary>
/// Resolves a model path given by a user: a package (manifest or transformers.js layout) is used as it is; a
/// HuggingFace llava-hf checkpoint is built once into a cache folder keyed by its path, sizes and modification
/// times, and the cached package is used from then on.
/// </summary>
public static class PackageCache
{
    /// <summary>Gets the default cache root: <c>$LOCALMODEL_CACHE</c>, else <c>~/.cache/localmodel/packages</c>.</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable("LOCALMODEL_CACHE") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "localmodel", "packages");

    /// <summary>Returns whether <paramref name="directory"/> looks like a HuggingFace checkpoint rather than a package (<see cref="ModelPackage.IsCheckpoint"/>).</summary>
    public static bool IsCheckpoint(string directory) => ModelPackage.IsCheckpoint(directory);

    /// <summary>Returns a package folder for <paramref name="modelPath"/>, building it from a checkpoint when needed.</summary>
    public static string Resolve(string modelPath, IProgress<BuildProgress>? progress = null, string? cacheRoot = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!Directory.Exists(modelPath) || !IsCheckpoint(modelPath))
        {
            return modelPath;
        }

        var full = Path.GetFullPath(modelPath);
        var stamp = new StringBuilder(full);
        foreach (var f in Directory.EnumerateFiles(full).OrderBy(f => f, StringComparer.Ordinal))
        {
            var info = new FileInfo(f);
            stamp.Append(CultureInfo.InvariantCulture, $"|{info.Name}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stamp.ToString())))[..16].ToLowerInvariant();
        var package = Path.Combine(cacheRoot ?? DefaultRoot, $"{new DirectoryInfo(full).Name}-{hash}");
        if (!File.Exists(Path.Combine(package, ModelManifest.FileName)))
        {
            new ModelPackageBuilder().Build(full, package, new PackageBuildOptions { Overwrite = true }, progress);
        }

        return package;
    }
}
