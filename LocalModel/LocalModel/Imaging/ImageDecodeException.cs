using System;

namespace LocalModel.Imaging;

/// <summary>
/// The single exception type <see cref="ImageLoader"/> throws for any input it cannot turn into
/// an RGB image: empty, unknown format, truncated, corrupt, too large, unsupported or unreadable.
/// The message names the source (a file name or <c>image #i</c>) and the reason; the decoder's
/// own exception, if any, is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public ImageDecodeException()
        : this("The image could not be decoded.")
    {
    }

    /// <summary>Creates an exception with the given message; the source is "image" and the
    /// error <see cref="ImageDecodeError.Corrupt"/>.</summary>
    /// <param name="message">The message.</param>
    public ImageDecodeException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause; the source is "image"
    /// and the error <see cref="ImageDecodeError.Corrupt"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ImageDecodeException(string message, Exception? innerException)
        : this("image", ImageDecodeError.Corrupt, message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="sourceName"/>.</summary>
    /// <param name="sourceName">The file name or <c>image #i</c> the failure concerns.</param>
    /// <param name="error">The category of failure.</param>
    /// <param name="message">The full message; it should start with <paramref name="sourceName"/>.</param>
    /// <param name="innerException">The decoder's exception, if any.</param>
    public ImageDecodeException(string sourceName, ImageDecodeError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = sourceName;
        Error = error;
    }

    /// <summary>Gets the file name or <c>image #i</c> label of the input that failed.</summary>
    public string SourceName { get; }

    /// <summary>Gets the category of failure.</summary>
    public ImageDecodeError Error { get; }
}
