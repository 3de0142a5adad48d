namespace LocalModel.Imaging;

/// <summary>
/// Why an image could not be loaded; carried by <see cref="ImageDecodeException.Error"/>.
/// </summary>
public enum ImageDecodeError
{
    /// <summary>The input held no bytes.</summary>
    Empty = 0,

    /// <summary>The bytes are not PNG, JPEG, GIF, BMP or WebP.</summary>
    UnknownFormat = 1,

    /// <summary>The header declares a zero or negative width or height.</summary>
    InvalidDimensions = 2,

    /// <summary>The image exceeds the pixel limit, the encoded-size limit or the decoder's
    /// allocation limit.</summary>
    TooLarge = 3,

    /// <summary>The data ends before the (first) image is complete.</summary>
    Truncated = 4,

    /// <summary>The data is malformed and the decoder rejected it.</summary>
    Corrupt = 5,

    /// <summary>The file uses a feature the decoder does not support.</summary>
    Unsupported = 6,

    /// <summary>The process ran out of memory while decoding.</summary>
    OutOfMemory = 7,

    /// <summary>The file or stream could not be read.</summary>
    Unreadable = 8,
}
