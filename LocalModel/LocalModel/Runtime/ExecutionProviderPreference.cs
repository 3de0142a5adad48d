namespace LocalModel.Runtime;

/// <summary>Which ONNX Runtime execution provider an engine should use.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when its libraries load, otherwise CPU (default).</summary>
    Auto,

    /// <summary>CPU only.</summary>
    Cpu,

    /// <summary>CUDA, failing when it cannot be loaded.</summary>
    Cuda,
}
