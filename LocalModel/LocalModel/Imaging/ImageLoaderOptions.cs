using System;

namespace LocalModel.Imaging;

/// <summary>
/// Limits and threading for <see cref="ImageLoader"/>. Immutable; derive variants with
/// <c>with { ... }</c>. <see cref="Validate"/> checks every field; the loader calls it.
/// </summary>
public sealed record ImageLoaderOptions
{
    /// <summary>Gets the largest accepted <c>width * height</c>, checked against the header
    /// before any pixel memory is allocated. Default 40,000,000 (40 MP).</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Gets the largest accepted encoded input, in bytes. Default 128 MiB.</summary>
    public long MaxEncodedBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Gets the largest single buffer ImageSharp may allocate while decoding, in
    /// megabytes; a second guard behind <see cref="MaxPixels"/> against allocations driven by
    /// other header fields. Null (the default) means 8 bytes per allowed pixel, at least 64 MB.</summary>
    public int? AllocationLimitMegabytes { get; init; }

    /// <summary>Gets ImageSharp's <c>MaxDegreeOfParallelism</c>. Default 1: one image is decoded
    /// on the calling thread and concurrent requests supply the parallelism.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Checks every field and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxPixels < 1)
        {
            throw new ArgumentException($"MaxPixels must be positive, got {MaxPixels}.", nameof(MaxPixels));
        }

        if (MaxEncodedBytes < 1 || MaxEncodedBytes > Array.MaxLength)
        {
            throw new ArgumentException($"MaxEncodedBytes must be between 1 and {Array.MaxLength}, got {MaxEncodedBytes}.", nameof(MaxEncodedBytes));
        }

        if (AllocationLimitMegabytes is < 1)
        {
            throw new ArgumentException($"AllocationLimitMegabytes must be positive, got {AllocationLimitMegabytes}.", nameof(AllocationLimitMegabytes));
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be at least 1, got {MaxDegreeOfParallelism}.", nameof(MaxDegreeOfParallelism));
        }
    }
}
