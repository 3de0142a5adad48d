using System;
using System.Linq;
using LocalModel.Constrained;
using LocalModel.Generation;
using Agents.TestSupport;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Constrained;

/// <summary>Drives constraints with the tokenizers' own encodings of valid outputs, through the public Mask/Accept surface.</summary>
public class ConstraintDrivingTests
{
    private const string Call = "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Zürich \\\"Old\\\" Town 日本\", \"unit\": \"f\"}}</tool_call>";

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    public void ToolCall_EncodedValidCall_EveryTokenAllowed_ThenOnlyNewlineOrEos(string fixture)
    {
        var tokenizer = VlmTokenizer.Load(Fixtures.Dir(fixture));
        var constraint = new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Required);

        Drive(tokenizer, constraint, tokenizer.Encode(Call, addBos: false));

        Assert.False(constraint.IsComplete);
        var logits = new float[tokenizer.VocabularySize];
        constraint.Mask(logits);
        Assert.All(tokenizer.EosTokenIds, eos => Assert.False(float.IsNegativeInfinity(logits[eos])));
        constraint.Accept(tokenizer.EosTokenIds[0]);
        Assert.True(constraint.IsComplete);
    }

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    public void JsonSchema_EncodedValidValue_CompleteWhenClosed(string fixture)
    {
        var tokenizer = VlmTokenizer.Load(Fixtures.Dir(fixture));
        var constraint = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(TokenMaskTests.PersonSchema));

        Drive(tokenizer, constraint, tokenizer.Encode("{\"name\": \"Ada\", \"age\": 36, \"tags\": [\"x\", \"y\"], \"ok\": false}", addBos: false));

        Assert.True(constraint.IsComplete);
    }

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    public void Accept_TokenOutsideGrammar_ThrowsAndKeepsState(string fixture)
    {
        var tokenizer = VlmTokenizer.Load(Fixtures.Dir(fixture));
        var constraint = new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Required);
        var bad = tokenizer.Encode("x", addBos: false).Last();

        var e = Assert.Throws<InvalidOperationException>(() => constraint.Accept(bad));
        Assert.Contains("not allowed", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => constraint.Accept(tokenizer.EosTokenIds[0]));
        Drive(tokenizer, constraint, tokenizer.Encode(Call, addBos: false));
    }

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    public void Auto_PlainText_NothingMaskedAfterDivergence(string fixture)
    {
        var tokenizer = VlmTokenizer.Load(Fixtures.Dir(fixture));
        var constraint = new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Auto);

        Drive(tokenizer, constraint, tokenizer.Encode("It is sunny.", addBos: false));

        Assert.True(constraint.IsText);
        var logits = new float[tokenizer.VocabularySize];
        constraint.Mask(logits);
        Assert.DoesNotContain(logits, float.IsNegativeInfinity);
    }

    private static void Drive(ITextTokenizer tokenizer, ITokenConstraint constraint, int[] ids)
    {
        var logits = new float[tokenizer.VocabularySize];
        foreach (var id in ids)
        {
            Array.Clear(logits);
            constraint.Mask(logits);
            Assert.False(float.IsNegativeInfinity(logits[id]), $"token {id} '{tokenizer.Decode([id], false)}' masked");
            constraint.Accept(id);
        }
    }
}
