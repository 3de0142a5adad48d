namespace Plugins.Affect.Text;

/// <summary>One of VADER's "words and emoticons": a whitespace-separated piece of the text with its edge punctuation stripped (unless that leaves 2 code points or fewer).</summary>
/// <param name="Text">The token as written.</param>
/// <param name="Lower">The token lower-cased (what the lexicon and the rules compare).</param>
/// <param name="IsUpper">Whether the token is ALL CAPS in Python's sense (<c>str.isupper()</c>).</param>
/// <param name="Emoji">The index of the emoji whose description the token came from (into <see cref="VaderText.EmojiDescriptions"/>), or -1.</param>
internal sealed record VaderToken(string Text, string Lower, bool IsUpper, int Emoji);
