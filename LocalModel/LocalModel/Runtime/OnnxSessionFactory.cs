using System;
using LocalModel.Packaging;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Runtime;

/// <summary>
/// Creates ONNX Runtime sessions on the chosen execution provider. With <see cref="ExecutionProviderPreference.Auto"/>
/// it tries CUDA once (it loads only when the CUDA and cuDNN libraries are present) and falls back to CPU,
/// logging the provider in use once.
/// </summary>
internal sealed partial class OnnxSessionFactory
{
    private readonly VlmEngineOptions _options;
    private readonly ILogger _logger;

    public OnnxSessionFactory(VlmEngineOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        ExecutionProvider = Probe();
        LogProvider(_logger, ExecutionProvider);
    }

    /// <summary>Gets the provider sessions run on: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string ExecutionProvider { get; }

    public InferenceSession Create(string path, string role)
    {
        using var options = CreateOptions(ExecutionProvider == "CUDA");
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelPackageException($"ONNX Runtime could not load the {role} graph '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Creates a session from a graph held in memory; <paramref name="source"/> names where it came from in errors.</summary>
    public InferenceSession Create(byte[] model, string source, string role)
    {
        using var options = CreateOptions(ExecutionProvider == "CUDA");
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelPackageException($"ONNX Runtime could not load the {role} graph '{source}': {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX Runtime execution provider: {Provider}")]
    private static partial void LogProvider(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "CUDA execution provider unavailable, using CPU: {Reason}")]
    private static partial void LogCudaUnavailable(ILogger logger, string reason);

    private SessionOptions CreateOptions(bool cuda)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (_options.IntraOpThreads > 0)
        {
            options.IntraOpNumThreads = _options.IntraOpThreads;
        }

        if (cuda)
        {
            options.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
        }

        return options;
    }

    private string Probe()
    {
        if (_options.ExecutionProvider == ExecutionProviderPreference.Cpu)
        {
            return "CPU";
        }

        // ONNX Runtime logs a failed provider load as an error of its own; the fallback is expected, so keep
        // its native log quiet while probing and report the outcome through ILogger instead.
        var env = OrtEnv.Instance();
        var level = env.EnvLogLevel;
        env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            using var probe = CreateOptions(cuda: true);
            return "CUDA";
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            if (_options.ExecutionProvider == ExecutionProviderPreference.Cuda)
            {
                throw new InvalidOperationException($"The CUDA execution provider was requested but could not be loaded: {ex.Message}", ex);
            }

            LogCudaUnavailable(_logger, ex.Message.Split('\n')[0]);
            return "CPU";
        }
        finally
        {
            env.EnvLogLevel = level;
        }
    }
}
