using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using LocalModel.Builder.Llava;
using LocalModel.Builder.Qwen;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Builder;

/// <summary>
/// Builds a package from any supported checkpoint folder, choosing the family by <c>config.json</c>'s
/// <c>model_type</c>: <c>llava</c> (<see cref="LlavaPackageBuilder"/>) or <c>qwen2_5_vl</c>
/// (<see cref="Qwen25VlPackageBuilder"/>). Thread-safe; each build is independent.
/// </summary>
public sealed class ModelPackageBuilder
{
    private readonly ILoggerFactory _loggers;

    /// <summary>Initializes a new instance of the <see cref="ModelPackageBuilder"/> class.</summary>
    public ModelPackageBuilder(ILoggerFactory? loggerFactory = null) => _loggers = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>Returns the <c>model_type</c> of the checkpoint's <c>config.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>config.json</c>.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON or has no <c>model_type</c>.</exception>
    public static string ModelType(string checkpointDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointDirectory);
        var path = Path.Combine(checkpointDirectory, "config.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint config '{path}' does not exist.", path);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.TryGetProperty("model_type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new InvalidDataException($"'{path}' has no model_type; expected llava or qwen2_5_vl.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Returns the decoder layer count of the checkpoint (for <see cref="PackageBuildOptions.AutoStageBoundaries"/>).</summary>
    public static int DecoderLayers(string checkpointDirectory)
    {
        var config = Path.Combine(checkpointDirectory, "config.json");
        return ModelType(checkpointDirectory) == Qwen25VlPackageBuilder.Family ? Qwen25VlConfig.Load(config).Text.Layers : LlavaConfig.Load(config).Text.Layers;
    }

    /// <summary>Builds the package with the builder of the checkpoint's family and returns its manifest.</summary>
    /// <exception cref="InvalidDataException">The model type is not supported, or the checkpoint is malformed.</exception>
    public ModelManifest Build(string checkpointDirectory, string outputDirectory, PackageBuildOptions? options = null, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        return ModelType(checkpointDirectory) switch
        {
            "llava" => new LlavaPackageBuilder(_loggers.CreateLogger<LlavaPackageBuilder>()).Build(checkpointDirectory, outputDirectory, options, progress, cancellationToken),
            Qwen25VlPackageBuilder.Family => new Qwen25VlPackageBuilder(_loggers.CreateLogger<Qwen25VlPackageBuilder>()).Build(checkpointDirectory, outputDirectory, options, progress, cancellationToken),
            var other => throw new InvalidDataException($"'{Path.Combine(checkpointDirectory, "config.json")}': model_type '{other}' is not supported (llava, qwen2_5_vl)."),
        };
    }
}
