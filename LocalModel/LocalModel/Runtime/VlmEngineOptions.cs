using System;

namespace LocalModel.Runtime;

/// <summary>Options for loading a <see cref="Generation.VlmEngine"/>. Validated by <see cref="Validate"/> when the engine loads.</summary>
public sealed class VlmEngineOptions
{
    /// <summary>Gets or sets the execution provider preference. Default <see cref="ExecutionProviderPreference.Auto"/>.</summary>
    public ExecutionProviderPreference ExecutionProvider { get; set; } = ExecutionProviderPreference.Auto;

    /// <summary>Gets or sets the CUDA device id. Default 0.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Gets or sets the intra-op thread count per session; 0 lets ONNX Runtime choose (default).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Gets or sets the largest image, in pixels (width x height), accepted before decoding. Default 40 megapixels.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Gets or sets a context length smaller than the model's, or 0 for the model's own (default).</summary>
    public int ContextLength { get; set; }

    /// <summary>
    /// Gets or sets how many released key/value caches the engine keeps for reuse (each holds its buffers, sized to a
    /// power of two of positions). Default 4; 0 frees every cache when its request ends.
    /// </summary>
    public int MaxPooledCaches { get; set; } = 4;

    /// <summary>
    /// Gets or sets how many requests run at once; further requests wait in a queue. Default 16. Running requests
    /// decode together in batches of up to <see cref="MaxBatchSize"/>.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>
    /// Gets or sets how many requests' decode steps run as one batched decoder call (continuous batching). Default
    /// 16; 1 decodes every request on its own. Batching applies on the CPU to unstaged decoders with dynamic batch
    /// size, explicit position ids and an embedding table (packages built by the builder); staged (FastV,
    /// PyramidDrop) requests and the CUDA path decode one request per call.
    /// </summary>
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>
    /// Gets or sets how many requests may wait for a slot; one more fails at once with
    /// <see cref="Generation.RequestQueueFullException"/>. Default 256.
    /// </summary>
    public int MaxQueuedRequests { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(ExecutionProvider))
        {
            throw new ArgumentOutOfRangeException(nameof(ExecutionProvider), ExecutionProvider, "Unknown execution provider preference.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxImagePixels);
        ArgumentOutOfRangeException.ThrowIfNegative(ContextLength);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPooledCaches);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentRequests);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueuedRequests);
    }
}
