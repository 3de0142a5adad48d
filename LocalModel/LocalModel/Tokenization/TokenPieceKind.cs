namespace LocalModel.Tokenization;

/// <summary>How a token decodes.</summary>
internal enum TokenPieceKind : byte
{
    /// <summary>No token has this id.</summary>
    Missing = 0,

    /// <summary>Text or raw bytes, always decoded.</summary>
    Text = 1,

    /// <summary>A special token (control piece or special added token), left out when skipping special tokens.</summary>
    Special = 2,
}
