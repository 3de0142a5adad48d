using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>The raw token embedding matrix <c>[rows, cols]</c> inside a package file.</summary>
public sealed class EmbeddingTableManifest
{
    /// <summary>Gets or sets the file, relative to the package folder.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = string.Empty;

    /// <summary>Gets or sets the byte offset of row 0.</summary>
    [JsonPropertyName("offset")]
    public long Offset { get; set; }

    /// <summary>Gets or sets the element type: <c>fp32</c> or <c>fp16</c>.</summary>
    [JsonPropertyName("dtype")]
    public string DType { get; set; } = "fp32";

    /// <summary>Gets or sets the number of rows (vocabulary size).</summary>
    [JsonPropertyName("rows")]
    public int Rows { get; set; }

    /// <summary>Gets or sets the row width (hidden size).</summary>
    [JsonPropertyName("cols")]
    public int Cols { get; set; }
}
