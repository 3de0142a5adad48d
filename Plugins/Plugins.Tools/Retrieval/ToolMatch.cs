using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval;

/// <summary>One retrieved tool and its score; higher scores rank first. Scores compare only within one retriever's answer.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Score">The retriever's score (BM25 score, cosine similarity, fused reciprocal rank or log-likelihood).</param>
public sealed record ToolMatch(ToolDescriptor Tool, double Score);
