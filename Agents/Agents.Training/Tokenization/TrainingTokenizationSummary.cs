namespace Agents.Training.Tokenization;

/// <summary>What <see cref="TrainingSetTokenizer.Tokenize"/> wrote.</summary>
/// <param name="TokensFile">The <c>tokens.jsonl</c> written.</param>
/// <param name="Examples">Examples tokenized.</param>
/// <param name="MeanPromptTokens">Mean prompt length in tokens (each image counted as one token, before expansion).</param>
/// <param name="MaxPromptTokens">The longest prompt in tokens.</param>
/// <param name="MeanAnswerTokens">Mean answer length in tokens, end-of-sequence included.</param>
/// <param name="PromptCharactersPerToken">Prompt characters per prompt token: how well the tokenizer compresses the prompts.</param>
public sealed record TrainingTokenizationSummary(string TokensFile, int Examples, double MeanPromptTokens, int MaxPromptTokens, double MeanAnswerTokens, double PromptCharactersPerToken);
