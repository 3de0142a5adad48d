using System;
using System.Collections.Generic;
using LocalModel.Pruning;
using LocalModel.Pruning.InLlm;
using LocalModel.Selection;

namespace LocalModel.Generation;

/// <summary>
/// A generation request: a prompt (text, or token ids) with one image placeholder per image, the images,
/// sampling and limits. The engine applies no chat template: format the prompt first (the chat client does).
/// </summary>
public sealed class GenerationRequest
{
    /// <summary>Gets or sets the prompt text; each image placeholder (e.g. <c>&lt;image&gt;</c>) marks where one image's visual tokens go.</summary>
    public string? Prompt { get; set; }

    /// <summary>Gets or sets the prompt as token ids instead of text; the model's image token id marks each image.</summary>
    public IReadOnlyList<int>? PromptTokenIds { get; set; }

    /// <summary>Gets or sets whether the tokenizer's BOS is prepended to <see cref="Prompt"/>. Default true.</summary>
    public bool AddBos { get; set; } = true;

    /// <summary>Gets the images, in placeholder order.</summary>
    public IList<ImageInput> Images { get; } = new List<ImageInput>();

    /// <summary>Gets or sets the maximum number of new tokens. Default 256.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Gets the stop sequences, matched on decoded text; the text before the first match is returned.</summary>
    public IList<string> StopSequences { get; } = new List<string>();

    /// <summary>Gets or sets the sampling options. Default greedy.</summary>
    public SamplingOptions Sampling { get; set; } = new();

    /// <summary>Gets or sets a constraint on the tokens generated (tool calls, JSON); null leaves decoding free.</summary>
    public ITokenConstraint? Constraint { get; set; }

    /// <summary>Gets or sets the visual-token selector; null keeps every visual token.</summary>
    public IVisualTokenSelector? VisualTokenSelector { get; set; }

    /// <summary>Gets or sets the visual tokens to keep per image (a count or a fraction, resolved per image and passed to the selector); null keeps all.</summary>
    public VisualTokenBudget? VisualTokenBudget { get; set; }

    /// <summary>
    /// Gets or sets whether end-of-sequence tokens are masked out so exactly <see cref="MaxTokens"/> tokens are
    /// generated (as ONNX Runtime GenAI's <c>min_length</c> does); for benchmarks. Default false.
    /// </summary>
    public bool IgnoreEndOfSequence { get; set; }

    /// <summary>Gets or sets in-LLM visual-token pruning (FastV, PyramidDrop); needs a package with staged decoder graphs. Null: none.</summary>
    public LlmPruningPlan? LlmPruning { get; set; }

    /// <summary>
    /// Gets or sets whether kept visual tokens keep their original positions (gaps where tokens were dropped, as
    /// FastV does) instead of being re-indexed contiguously (default false). Packages with M-RoPE positions
    /// (<c>text.position_streams</c> 3, Qwen2.5-VL) always keep each visual token's merged-grid cell: their positions
    /// are spatial, not a sequence index.
    /// </summary>
    public bool KeepOriginalPositions { get; set; }

    /// <summary>Gets or sets whether the last update carries the prefill logits of the last prompt position. Default false.</summary>
    public bool CapturePrefillLogits { get; set; }

    /// <summary>
    /// Gets or sets whether each update carries <see cref="GenerationUpdate.LogProbability"/>: the natural log of the
    /// generated token's probability under the model's own distribution (log-softmax of the raw logits, before
    /// penalties, the constraint mask and temperature), so a constrained continuation can be scored (log-likelihood
    /// re-ranking). Costs one pass over the vocabulary per token. Default false.
    /// </summary>
    public bool ReportLogProbabilities { get; set; }

    /// <summary>Throws naming the first invalid field.</summary>
    /// <exception cref="ArgumentException">The request is malformed.</exception>
    public void Validate()
    {
        if ((Prompt is null) == (PromptTokenIds is null))
        {
            throw new ArgumentException("Set exactly one of Prompt and PromptTokenIds.", nameof(Prompt));
        }

        if (PromptTokenIds is { Count: 0 } || Prompt is { Length: 0 })
        {
            throw new ArgumentException("The prompt is empty.", nameof(Prompt));
        }

        if (MaxTokens <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be positive.");
        }

        foreach (var s in StopSequences)
        {
            if (string.IsNullOrEmpty(s))
            {
                throw new ArgumentException("Stop sequences must be non-empty.", nameof(StopSequences));
            }
        }

        Sampling.Validate();
    }
}
