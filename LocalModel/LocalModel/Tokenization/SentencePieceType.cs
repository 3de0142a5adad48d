namespace LocalModel.Tokenization;

/// <summary>Piece types of <c>sentencepiece_model.proto</c> (<c>SentencePiece.Type</c>).</summary>
internal enum SentencePieceType
{
    /// <summary>Normal symbol.</summary>
    Normal = 1,

    /// <summary>The unknown symbol.</summary>
    Unknown = 2,

    /// <summary>Control symbol such as &lt;s&gt; and &lt;/s&gt;.</summary>
    Control = 3,

    /// <summary>User-defined symbol, always kept whole.</summary>
    UserDefined = 4,

    /// <summary>Unused symbol: split back into its parts after merging.</summary>
    Unused = 5,

    /// <summary>Byte-fallback symbol &lt;0xXX&gt;.</summary>
    Byte = 6,
}
