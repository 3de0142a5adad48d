using System;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The model's answer did not parse in the requested format (e.g. a label outside the set, a number out of range, a
/// cause not quoted from the text, or output that is not the JSON object asked for). Nothing is guessed in its place.
/// </summary>
public sealed class EmotionFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmotionFormatException()
        : this("The model's answer did not parse.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public EmotionFormatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EmotionFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Format = string.Empty;
        Reason = message;
        Answer = string.Empty;
    }

    /// <summary>Creates the exception for a refused answer.</summary>
    /// <param name="format">The format asked for (e.g. <c>multi-label</c>).</param>
    /// <param name="reason">Why the answer was refused.</param>
    /// <param name="answer">The model's answer.</param>
    public EmotionFormatException(string format, string reason, string answer)
        : base($"The model's {format} answer was refused: {reason}. Answer: {Shorten(answer)}. Check that the chat client enforces ChatOptions.ResponseFormat (JSON schema) and that MaxOutputTokens leaves room to close the JSON.")
    {
        Format = format;
        Reason = reason;
        Answer = answer;
    }

    /// <summary>Gets the format asked for (<c>multi-label</c>, <c>intensity</c>, <c>valence</c>, <c>valence-ordinal</c>, <c>cause</c>, <c>visual</c>).</summary>
    public string Format { get; }

    /// <summary>Gets why the answer was refused.</summary>
    public string Reason { get; }

    /// <summary>Gets the model's answer as received.</summary>
    public string Answer { get; }

    private static string Shorten(string answer)
    {
        var flat = (answer ?? string.Empty).ReplaceLineEndings(" ");
        return flat.Length <= 200 ? "'" + flat + "'" : "'" + flat[..200] + "...'";
    }
}
