namespace LocalModel.Generation;

/// <summary>Timings of one request, in milliseconds unless named otherwise.</summary>
/// <param name="TimeToFirstTokenMs">From the call to the first generated token (image encoding and prefill included).</param>
/// <param name="VisionMs">Image decoding, preprocessing, vision encoder, selection and projector.</param>
/// <param name="SelectionMs">Time spent in the visual-token selector.</param>
/// <param name="PrefillMs">The decoder's prefill run (prompt embeddings to first logits).</param>
/// <param name="DecodeTokensPerSecond">Generated tokens after the first, per second of decode time.</param>
/// <param name="OnnxRuntimeMs">Sum of the time spent inside ONNX Runtime runs.</param>
/// <param name="WallMs">Total time of the request.</param>
/// <param name="DecodeMs">Wall time of the decode loop (after the first token: sampling, detokenization and streaming included).</param>
/// <param name="DecodeOnnxRuntimeMs">Time inside ONNX Runtime runs during the decode loop.</param>
public sealed record GenerationTimings(double TimeToFirstTokenMs, double VisionMs, double SelectionMs, double PrefillMs, double DecodeTokensPerSecond, double OnnxRuntimeMs, double WallMs, double DecodeMs, double DecodeOnnxRuntimeMs);
