using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>What a decode session is built from: the decoder and embedding graphs, their I/O names, the key/value cache pool and the embedding table.</summary>
/// <param name="Package">The package.</param>
/// <param name="Decoder">The (unstaged) decoder session.</param>
/// <param name="Embed">The token embedding session (used when the package has no embedding table).</param>
/// <param name="Io">The decoder's input and output names.</param>
/// <param name="EmbedInput">The embedding graph's input name.</param>
/// <param name="EmbedOutput">The embedding graph's output name.</param>
/// <param name="KvPool">Pooled key/value caches for the unstaged decoder.</param>
/// <param name="EmbeddingTable">The memory-mapped embedding table, when the package has one.</param>
/// <param name="ContextLength">The context length requests are limited to.</param>
internal sealed record DecoderContext(
    ModelPackage Package,
    InferenceSession Decoder,
    InferenceSession Embed,
    DecoderBinding Io,
    string EmbedInput,
    string EmbedOutput,
    KvCachePool KvPool,
    EmbeddingTable? EmbeddingTable,
    int ContextLength)
{
    public TextManifest Text => Package.Manifest.Text;
}
