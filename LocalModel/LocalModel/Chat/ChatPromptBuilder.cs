using System;
using System.Collections.Generic;
using System.Text;

namespace LocalModel.Chat;

/// <summary>Builds a <see cref="ChatPrompt"/> from template markup, untrusted content and image placeholders. Not thread-safe.</summary>
public sealed class ChatPromptBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<(int Start, int Length)> _literals = new();
    private readonly List<int> _images = new();
    private readonly string _imagePlaceholder;

    /// <summary>Initializes a new instance of the <see cref="ChatPromptBuilder"/> class.</summary>
    /// <param name="imagePlaceholder">The text of the model's image token (for example <c>&lt;image&gt;</c>).</param>
    public ChatPromptBuilder(string imagePlaceholder)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePlaceholder);
        _imagePlaceholder = imagePlaceholder;
    }

    /// <summary>Gets the length of the text so far.</summary>
    public int Length => _text.Length;

    /// <summary>Appends template markup; special tokens in it (role markers, end-of-turn tokens) are recognised.</summary>
    /// <param name="markup">The markup.</param>
    /// <returns>This builder.</returns>
    public ChatPromptBuilder AppendControl(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        _text.Append(markup);
        return this;
    }

    /// <summary>Appends untrusted content (message text, tool arguments and results): encoded as plain text.</summary>
    /// <param name="content">The content.</param>
    /// <returns>This builder.</returns>
    public ChatPromptBuilder AppendLiteral(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return this;
        }

        var start = _text.Length;
        _text.Append(content);
        if (_literals.Count > 0 && _literals[^1].Start + _literals[^1].Length == start)
        {
            var last = _literals[^1];
            _literals[^1] = (last.Start, last.Length + content.Length);
        }
        else
        {
            _literals.Add((start, content.Length));
        }

        return this;
    }

    /// <summary>Appends the placeholder of one image.</summary>
    /// <param name="imageIndex">The index of the image in the request (see <see cref="ChatTemplateMessage.Images"/>).</param>
    /// <returns>This builder.</returns>
    public ChatPromptBuilder AppendImage(int imageIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(imageIndex);
        _text.Append(_imagePlaceholder);
        _images.Add(imageIndex);
        return this;
    }

    /// <summary>Returns the prompt built so far.</summary>
    /// <returns>The prompt.</returns>
    public ChatPrompt Build() => new(_text.ToString(), _literals.ToArray(), _images.ToArray());
}
