using System.Collections.Generic;

namespace Plugins.Affect.Text;

/// <summary>A text prepared for scoring: emoji replaced by their descriptions, tokens, and whether capitals stand out.</summary>
/// <param name="Prepared">The text after emoji replacement and outer whitespace stripping (its '!' and '?' are counted).</param>
/// <param name="Tokens">The tokens in text order.</param>
/// <param name="EmojiDescriptions">The description of each emoji occurrence replaced, in text order.</param>
/// <param name="IsCapitalDifferential">Whether some but not all tokens are ALL CAPS (only then do capitals add emphasis).</param>
internal sealed record VaderText(string Prepared, IReadOnlyList<VaderToken> Tokens, IReadOnlyList<string> EmojiDescriptions, bool IsCapitalDifferential);
