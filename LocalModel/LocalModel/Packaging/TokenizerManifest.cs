using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>The tokenizer files of a package.</summary>
public sealed class TokenizerManifest
{
    /// <summary>Gets or sets the tokenizer file: <c>tokenizer.model</c> (SentencePiece) or <c>tokenizer.json</c> (HuggingFace).</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = "tokenizer.model";
}
