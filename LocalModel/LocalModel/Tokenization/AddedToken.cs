namespace LocalModel.Tokenization;

/// <summary>A token matched in raw text before the model sees it (HuggingFace "added token").</summary>
/// <param name="Content">The exact text.</param>
/// <param name="Id">The token id.</param>
/// <param name="Special">Whether decoding with skipSpecialTokens leaves it out.</param>
/// <param name="LeftStrip">Whether whitespace just before the token is removed when encoding (HF <c>lstrip</c>).</param>
/// <param name="RightStrip">Whether whitespace just after the token is removed when encoding (HF <c>rstrip</c>).</param>
internal sealed record AddedToken(string Content, int Id, bool Special, bool LeftStrip = false, bool RightStrip = false);
