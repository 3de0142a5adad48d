namespace LocalModel.Builder;

/// <summary>Progress of a package build.</summary>
/// <param name="Stage">What is being written (e.g. <c>decoder</c>).</param>
/// <param name="BytesDone">Weight bytes written so far, over all graphs.</param>
/// <param name="BytesTotal">Weight bytes to write in all.</param>
public readonly record struct BuildProgress(string Stage, long BytesDone, long BytesTotal);
