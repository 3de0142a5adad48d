using System;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Builder;

/// <summary>
/// Loads a <see cref="VlmEngine"/> from a model package or a llava-hf checkpoint folder: a checkpoint is built once into
/// the package cache (<see cref="PackageCache.Resolve"/>) and the cached package is loaded from then on.
/// <see cref="VlmEngine.Load"/> itself takes packages only (the runtime does not reference the builder) and names this
/// class when given a checkpoint.
/// </summary>
public static partial class VlmEngineLoader
{
    /// <summary>Loads the engine for <paramref name="modelPath"/>, a package or a llava-hf checkpoint.</summary>
    /// <param name="modelPath">A model package folder (manifest or transformers.js layout) or a llava-hf checkpoint folder.</param>
    /// <param name="options">The engine options; null for the defaults.</param>
    /// <param name="loggerFactory">The logger factory; null for none.</param>
    /// <param name="progress">Receives build progress when a checkpoint is built; null for none.</param>
    /// <param name="cacheRoot">The package cache folder; null for <see cref="PackageCache.DefaultRoot"/> (<c>$LOCALMODEL_CACHE</c>, else <c>~/.cache/localmodel/packages</c>).</param>
    /// <returns>The engine; the caller owns it.</returns>
    /// <exception cref="ModelPackageException">The folder is missing or not a valid package or checkpoint.</exception>
    public static VlmEngine Load(string modelPath, VlmEngineOptions? options = null, ILoggerFactory? loggerFactory = null, IProgress<BuildProgress>? progress = null, string? cacheRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        loggerFactory ??= NullLoggerFactory.Instance;
        var package = ResolvePackage(modelPath, loggerFactory.CreateLogger(typeof(VlmEngineLoader)), progress, cacheRoot);
        return VlmEngine.Load(package, options, loggerFactory);
    }

    /// <summary>Returns the package folder for <paramref name="modelPath"/> (<see cref="PackageCache.Resolve"/>), logging where a checkpoint's package is.</summary>
    /// <param name="modelPath">A package or a llava-hf checkpoint folder.</param>
    /// <param name="logger">Where the cache use is logged.</param>
    /// <param name="progress">Receives build progress; null for none.</param>
    /// <param name="cacheRoot">The package cache folder; null for the default.</param>
    /// <returns>The package folder.</returns>
    public static string ResolvePackage(string modelPath, ILogger logger, IProgress<BuildProgress>? progress = null, string? cacheRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(logger);
        if (!PackageCache.IsCheckpoint(modelPath))
        {
            return modelPath;
        }

        var package = PackageCache.Resolve(modelPath, progress, cacheRoot);
        LogCheckpointPackage(logger, modelPath, package);
        return package;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "'{Checkpoint}' is a checkpoint; using its package in the cache: '{Package}'")]
    private static partial void LogCheckpointPackage(ILogger logger, string checkpoint, string package);
}
