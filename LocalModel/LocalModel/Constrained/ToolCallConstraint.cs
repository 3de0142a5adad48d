using System;
using System.Collections.Generic;
using LocalModel.Generation;
using LocalModel.Tokenization;

namespace LocalModel.Constrained;

/// <summary>
/// Constrains the output to plain text (<see cref="ToolCallMode.Auto"/> only) or to tool calls in the
/// <see cref="ToolCallFormat"/>: <c>&lt;tool_call&gt;{"name": "&lt;tool&gt;", "arguments": {...}}&lt;/tool_call&gt;</c>,
/// each followed by the end or by <c>\n</c> and another call. The name is one of the offered tools and picks which
/// parameters schema the arguments follow (see <see cref="JsonSchemaConstraint"/> for the schema subset). At most one
/// space may follow each <c>:</c> and <c>,</c>, and with <see cref="ToolCallConstraintOptions.NewlinesInsideTags"/> at most
/// one <c>\n</c> may follow <c>&lt;tool_call&gt;</c> and precede <c>&lt;/tool_call&gt;</c> (Qwen2.5's form); up to <see cref="JsonGrammarOptions.MaxLeadingWhitespace"/> whitespace
/// bytes may precede the first call.
/// </summary>
/// <remarks>
/// In <see cref="ToolCallMode.Auto"/>, while the output is a prefix of <c>&lt;tool_call&gt;</c> both continuing and
/// leaving it are allowed; once it leaves, nothing is masked any more. Special tokens other than end-of-sequence are
/// refused inside a call; end-of-sequence is allowed only after a complete call (or anywhere in text).
/// One instance per request: stateful, not thread-safe.
/// </remarks>
public sealed class ToolCallConstraint : ITokenConstraint
{
    private readonly GrammarConstraintCore _core;

    /// <summary>Creates a tool-call constraint.</summary>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="tools">The tools offered; names must be unique.</param>
    /// <param name="mode">Whether text is allowed instead of calls.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <exception cref="ArgumentException">No tools, duplicate names, an unknown required tool, or a parameters schema that is not an object.</exception>
    public ToolCallConstraint(ITextTokenizer tokenizer, IEnumerable<ToolSchema> tools, ToolCallMode mode, ToolCallConstraintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _core = new GrammarConstraintCore(GrammarFactory.ToolCalls(tools, mode, options), TokenVocabularyIndex.For(tokenizer));
        Mode = mode;
    }

    /// <summary>Gets the mode.</summary>
    public ToolCallMode Mode { get; }

    /// <summary>Gets whether the output has turned into plain text (<see cref="ToolCallMode.Auto"/>): nothing is masked any more.</summary>
    public bool IsText => _core.IsFreeText;

    /// <inheritdoc />
    public bool IsComplete => _core.IsComplete;

    /// <summary>Gets the inner constraint core (tests and benchmarks).</summary>
    internal GrammarConstraintCore Core => _core;

    /// <inheritdoc />
    public void Mask(Span<float> logits) => _core.Mask(logits);

    /// <inheritdoc />
    /// <remarks>
    /// Close to the budget only tokens after which the shortest completion (closing every open string, array, object
    /// and call) still fits are allowed, so the output is complete whenever the budget can hold the shortest valid one.
    /// </remarks>
    public void Mask(Span<float> logits, int remainingTokens) => _core.Mask(logits, remainingTokens);

    /// <inheritdoc />
    public int MinimalCompletionTokens() => _core.MinimalTokens();

    /// <inheritdoc />
    public void Accept(int tokenId) => _core.Accept(tokenId);
}
