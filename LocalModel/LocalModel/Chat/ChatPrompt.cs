using System.Collections.Generic;

namespace LocalModel.Chat;

/// <summary>
/// A rendered prompt: its text, the character ranges that hold untrusted content (tokenized without recognising
/// special tokens, so a message cannot inject <c>&lt;image&gt;</c> or an end-of-turn marker) and the order in which
/// its image placeholders refer to the request's images. Built with <see cref="ChatPromptBuilder"/>.
/// </summary>
public sealed class ChatPrompt
{
    internal ChatPrompt(string text, IReadOnlyList<(int Start, int Length)> literalRanges, IReadOnlyList<int> imageOrder)
    {
        Text = text;
        LiteralRanges = literalRanges;
        ImageOrder = imageOrder;
    }

    /// <summary>Gets the prompt text.</summary>
    public string Text { get; }

    /// <summary>Gets the ranges of <see cref="Text"/> (start, length; sorted, not overlapping) that are untrusted content.</summary>
    public IReadOnlyList<(int Start, int Length)> LiteralRanges { get; }

    /// <summary>Gets, for each image placeholder in <see cref="Text"/> in order, the index of the image it stands for.</summary>
    public IReadOnlyList<int> ImageOrder { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
