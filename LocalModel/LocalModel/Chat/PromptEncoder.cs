using System.Collections.Generic;
using LocalModel.Tokenization;

namespace LocalModel.Chat;

/// <summary>Tokenizes a <see cref="ChatPrompt"/>: special tokens recognised in template markup, never in its literal ranges.</summary>
internal static class PromptEncoder
{
    public static int[] Encode(ITextTokenizer tokenizer, ChatPrompt prompt)
    {
        if (tokenizer is VlmTokenizer vlm)
        {
            // Exact: the text tokenizes as one string would (HuggingFace segment rules), minus special tokens in content.
            return vlm.EncodeWithLiteralRanges(prompt.Text, addBos: true, prompt.LiteralRanges);
        }

        // Other tokenizers: each markup and content piece on its own.
        var text = prompt.Text;
        var ids = new List<int>(text.Length / 3);
        var first = true;
        var position = 0;
        foreach (var (start, length) in prompt.LiteralRanges)
        {
            Add(text[position..start], parseSpecialTokens: true);
            Add(text.Substring(start, length), parseSpecialTokens: false);
            position = start + length;
        }

        Add(text[position..], parseSpecialTokens: true);
        return [.. ids];

        void Add(string piece, bool parseSpecialTokens)
        {
            if (piece.Length == 0)
            {
                return;
            }

            ids.AddRange(tokenizer.Encode(piece, addBos: first, parseSpecialTokens));
            first = false;
        }
    }
}
