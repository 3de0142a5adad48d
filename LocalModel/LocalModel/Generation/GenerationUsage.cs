namespace LocalModel.Generation;

/// <summary>Token counts of one request.</summary>
/// <param name="PromptTokens">Prompt positions fed to the decoder, visual tokens kept included.</param>
/// <param name="VisualTokensTotal">Visual tokens the images produced before selection.</param>
/// <param name="VisualTokensKept">Visual tokens that reached the decoder.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
public sealed record GenerationUsage(int PromptTokens, int VisualTokensTotal, int VisualTokensKept, int CompletionTokens);
