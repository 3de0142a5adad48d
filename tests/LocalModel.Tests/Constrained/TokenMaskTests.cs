using System;
using System.Collections.Generic;
using System.Text;
using LocalModel.Constrained;
using Agents.TestSupport;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Constrained;

public class TokenMaskTests
{
    private static readonly Dictionary<string, Lazy<ITextTokenizer>> Tokenizers = new(StringComparer.Ordinal)
    {
        ["tiny-llava"] = new(() => VlmTokenizer.Load(Fixtures.Dir("tiny-llava"))),
        ["tiny-llava-tjs"] = new(() => VlmTokenizer.Load(Fixtures.Dir("tiny-llava-tjs"))),
        ["synthetic-4k"] = new(() => new SyntheticTokenizer(4000, 7)),
    };

    public static TheoryData<string, string> ToolCallStates()
    {
        var data = new TheoryData<string, string>();
        string[] prefixes =
        [
            string.Empty,
            " ",
            "<tool",
            "<tool_call>",
            "<tool_call>{\"name\": \"get_",
            "<tool_call>{\"name\": \"get_weather\", \"arguments\": {",
            "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Pa",
            "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"",
            "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"",
            "<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":1",
            "<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":-",
            "<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":12}}</tool_call>",
            "<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":12}}</tool_call>\n<tool",
        ];
        foreach (var tokenizer in Tokenizers.Keys)
        {
            foreach (var prefix in prefixes)
            {
                data.Add(tokenizer, prefix);
            }
        }

        return data;
    }

    public static TheoryData<string, string> JsonStates()
    {
        var data = new TheoryData<string, string>();
        string[] prefixes =
        [
            string.Empty,
            "{",
            "{\"name\": \"Bo",
            "{\"name\": \"日",
            "{\"name\": \"a\\u00",
            "{\"name\": \"a\\",
            "{\"name\": \"abcdefghij",
            "{\"name\": \"abcdefghijkl",
            "{\"name\":\"x\",\"age\":1",
            "{\"name\":\"x\",\"age\":12, \"tags\": [",
            "{\"name\":\"x\",\"age\":12, \"tags\": [\"a\"",
            "{\"name\":\"x\",\"age\":12, \"tags\": [\"a\"], \"ok\": t",
        ];
        foreach (var tokenizer in Tokenizers.Keys)
        {
            foreach (var prefix in prefixes)
            {
                data.Add(tokenizer, prefix);
            }
        }

        return data;
    }

    public const string PersonSchema = """
        {"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer","minimum":0,"maximum":120},
         "tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":3},"ok":{"type":"boolean"}},"required":["name","age"]}
        """;

    [Theory]
    [MemberData(nameof(ToolCallStates))]
    public void ToolCallMask_Required_EqualsBruteForce(string tokenizer, string prefix) =>
        AssertMaskMatchesBruteForce(new ToolCallConstraint(Tokenizers[tokenizer].Value, GrammarTesting.Tools, ToolCallMode.Required).Core, Tokenizers[tokenizer].Value, prefix);

    [Theory]
    [MemberData(nameof(ToolCallStates))]
    public void ToolCallMask_Auto_EqualsBruteForce(string tokenizer, string prefix) =>
        AssertMaskMatchesBruteForce(new ToolCallConstraint(Tokenizers[tokenizer].Value, GrammarTesting.Tools, ToolCallMode.Auto).Core, Tokenizers[tokenizer].Value, prefix);

    [Theory]
    [MemberData(nameof(JsonStates))]
    public void JsonMask_EqualsBruteForce(string tokenizer, string prefix) =>
        AssertMaskMatchesBruteForce(new JsonSchemaConstraint(Tokenizers[tokenizer].Value, GrammarTesting.Schema(PersonSchema)).Core, Tokenizers[tokenizer].Value, prefix);

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    [InlineData("synthetic-4k")]
    public void JsonMask_InsideMultiByteCharacter_EqualsBruteForce(string tokenizer)
    {
        var core = new JsonSchemaConstraint(Tokenizers[tokenizer].Value, GrammarTesting.Schema(PersonSchema)).Core;
        Assert.True(core.Recognizer.Feed([.. "{\"name\": \""u8, 0xE6, 0x97]));
        core.Recognizer.Commit();

        AssertMaskMatchesBruteForce(core, Tokenizers[tokenizer].Value, string.Empty);
    }

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    public void Mask_AppliesToLogits_DisallowedBecomeNegativeInfinity(string tokenizer)
    {
        var t = Tokenizers[tokenizer].Value;
        var constraint = new ToolCallConstraint(t, GrammarTesting.Tools, ToolCallMode.Required);
        var logits = new float[t.VocabularySize + 3];
        constraint.Mask(logits);

        var allowed = new List<string>();
        for (var id = 0; id < logits.Length; id++)
        {
            if (!float.IsNegativeInfinity(logits[id]))
            {
                Assert.True(t.TryGetTokenBytes(id, out var bytes, out var special));
                Assert.False(special);
                allowed.Add(Encoding.UTF8.GetString(bytes));
            }
        }

        Assert.NotEmpty(allowed);
        Assert.All(allowed, a => Assert.StartsWith(a.TrimStart(' ', '\n', '\r', '\t'), "<tool_call>{\"name\":", StringComparison.Ordinal));
        Assert.True(float.IsNegativeInfinity(logits[t.VocabularySize + 1]));
    }

    private static void AssertMaskMatchesBruteForce(GrammarConstraintCore core, ITextTokenizer tokenizer, string prefix)
    {
        var recognizer = core.Recognizer;
        Assert.True(recognizer.Feed(Encoding.UTF8.GetBytes(prefix)), "prefix refused: " + prefix);
        recognizer.Commit();
        var bits = new ulong[(tokenizer.VocabularySize + 63) / 64];
        core.ComputeAllowed(bits);

        var canEnd = recognizer.CanEnd();
        var eos = new HashSet<int>(tokenizer.EosTokenIds);
        var mismatches = new List<string>();
        var allowedCount = 0;
        for (var id = 0; id < tokenizer.VocabularySize; id++)
        {
            bool expected;
            if (!tokenizer.TryGetTokenBytes(id, out var bytes, out var special))
            {
                expected = false;
            }
            else if (recognizer.IsFreeText)
            {
                expected = true;
            }
            else if (eos.Contains(id))
            {
                expected = canEnd;
            }
            else if (special)
            {
                expected = recognizer.SpecialTokensAreText;
            }
            else
            {
                var checkpoint = recognizer.Checkpoint;
                expected = bytes.Length > 0 && recognizer.Feed(bytes);
                recognizer.Rollback(checkpoint);
            }

            var actual = (bits[id >> 6] & (1UL << (id & 63))) != 0;
            allowedCount += actual ? 1 : 0;
            if (actual != expected)
            {
                mismatches.Add($"{id} '{Encoding.UTF8.GetString(bytes)}' expected {expected}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
        Assert.True(allowedCount > 0, "no token allowed after: " + prefix);
    }
}
