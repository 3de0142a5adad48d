using System;
using System.Text.Json;
using LocalModel.Generation;
using LocalModel.Tokenization;

namespace LocalModel.Constrained;

/// <summary>
/// Constrains the output to one JSON value matching a JSON Schema (the JSON-schema response format), or to any JSON
/// object (<see cref="ForAnyObject"/>, the plain JSON response format). Up to
/// <see cref="JsonGrammarOptions.MaxLeadingWhitespace"/> whitespace bytes may precede the value; generation completes
/// as soon as the value is closed (for a top-level number, at end-of-sequence).
/// </summary>
/// <remarks>
/// Supported schema subset: <c>type</c> (one or an array), <c>properties</c> (emitted in schema order, required ones
/// mandatory, optional ones skippable, no others), <c>required</c>, <c>additionalProperties</c> (without
/// <c>properties</c>: a map), <c>items</c>, <c>minItems</c>, <c>maxItems</c>, <c>minLength</c>, <c>maxLength</c>,
/// <c>minimum</c>/<c>maximum</c>/<c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> on integers and numbers, <c>enum</c>,
/// <c>const</c>, <c>pattern</c> (a regex subset), <c>format</c> (date, time, date-time, duration, uuid),
/// <c>anyOf</c>/<c>oneOf</c> whose alternatives differ in their first byte (type), one-element <c>allOf</c>,
/// <c>nullable</c>; <c>description</c>, <c>title</c>, <c>default</c>, <c>$schema</c> and other annotations are ignored.
/// Other validation keywords are relaxed to their base type and reported through
/// <see cref="JsonGrammarOptions.SchemaRelaxed"/>. <see cref="Mask(Span{float}, int)"/> steers to the shortest valid
/// completion in time for the token budget. One instance per request: stateful, not thread-safe.
/// </remarks>
public sealed class JsonSchemaConstraint : ITokenConstraint
{
    private readonly GrammarConstraintCore _core;

    /// <summary>Creates a constraint to values of <paramref name="schema"/>.</summary>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="schema">The JSON Schema.</param>
    /// <param name="options">Length and nesting caps; null for the defaults.</param>
    /// <exception cref="ArgumentException">The schema is malformed.</exception>
    public JsonSchemaConstraint(ITextTokenizer tokenizer, JsonElement schema, JsonGrammarOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _core = new GrammarConstraintCore(GrammarFactory.Json(schema, options), TokenVocabularyIndex.For(tokenizer));
    }

    /// <inheritdoc />
    public bool IsComplete => _core.IsComplete;

    /// <summary>Gets the inner constraint core (tests and benchmarks).</summary>
    internal GrammarConstraintCore Core => _core;

    /// <summary>Creates a constraint to any JSON object.</summary>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Length and nesting caps; null for the defaults.</param>
    /// <returns>A new constraint.</returns>
    public static JsonSchemaConstraint ForAnyObject(ITextTokenizer tokenizer, JsonGrammarOptions? options = null)
    {
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        return new JsonSchemaConstraint(tokenizer, schema.RootElement, options);
    }

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
