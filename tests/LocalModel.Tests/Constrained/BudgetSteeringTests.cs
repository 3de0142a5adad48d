using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Agents.Bench.Constrained;
using Agents.TestSupport;
using LocalModel.Constrained;
using LocalModel.Generation;
using LocalModel.Tokenization;
using Xunit.Abstractions;

namespace LocalModel.Tests.Constrained;

/// <summary>
/// Drives constraints without a model (random and adversarial logits) at every small token budget from the shortest
/// valid output up: the output must always be complete and parse.
/// </summary>
public class BudgetSteeringTests
{
    private const int ExtraBudgets = 8;
    private const int CostBudget = 96;
    private static readonly Lazy<ITextTokenizer> Synthetic32K = new(() => new SyntheticTokenizer(32000, 11));

    private static readonly Dictionary<string, Lazy<ITextTokenizer>> Tokenizers = new(StringComparer.Ordinal)
    {
        ["tiny-llava"] = new(() => VlmTokenizer.Load(Fixtures.Dir("tiny-llava"))),
        ["tiny-llava-tjs"] = new(() => VlmTokenizer.Load(Fixtures.Dir("tiny-llava-tjs"))),
        ["synthetic-4k"] = new(() => new SyntheticTokenizer(4000, 7)),
    };

    private readonly ITestOutputHelper _output;

    public BudgetSteeringTests(ITestOutputHelper output) => _output = output;

    /// <summary>Hand-written schemas covering each keyword the steering must close in time.</summary>
    public static readonly string[] HandWrittenSchemas =
    [
        TokenMaskTests.PersonSchema,
        GrammarTesting.WeatherSchema,
        """{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"object","properties":{"c":{"type":"string","minLength":3}},"required":["c"]}},"required":["b"]}},"required":["a"]}""",
        """{"type":"array","items":{"type":"object","properties":{"x":{"type":"integer","minimum":100,"maximum":200}},"required":["x"]},"minItems":2,"maxItems":4}""",
        """{"type":"object","properties":{"color":{"enum":["red","green","blue"]},"size":{"type":"integer","minimum":-50,"maximum":-7}},"required":["color","size"]}""",
        """{"type":"object","properties":{"name":{"type":"string","minLength":5,"maxLength":10},"tags":{"type":"array","items":{"type":"string"},"minItems":1}},"required":["name","tags"]}""",
        """{"type":"object","properties":{"when":{"type":"string","format":"date-time"},"id":{"type":"string","format":"uuid"}},"required":["when","id"]}""",
        """{"type":"object","properties":{"span":{"type":"string","pattern":"^-?(\\d+\\.)?\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?$"},"code":{"type":"string","pattern":"[A-Z]{3}-\\d{2,4}"}},"required":["span","code"]}""",
        """{"type":"object","properties":{"ratio":{"type":"number","minimum":0.5,"maximum":9.5},"n":{"type":["integer","null"]}},"required":["ratio","n"]}""",
        """{"type":"object","additionalProperties":{"type":"array","items":{"type":"boolean"}}}""",
        """{"type":"string","minLength":20}""",
        """{"type":"array","items":{"type":"array","items":{"type":"integer"},"minItems":2},"minItems":2}""",
        """{}""",
    ];

    public static TheoryData<string, int> JsonCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var tokenizer in Tokenizers.Keys)
        {
            for (var i = 0; i < HandWrittenSchemas.Length; i++)
            {
                data.Add(tokenizer, i);
            }
        }

        return data;
    }

    public static TheoryData<string, int> GeneratedCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var tokenizer in Tokenizers.Keys)
        {
            for (var seed = 0; seed < 40; seed++)
            {
                data.Add(tokenizer, seed);
            }
        }

        return data;
    }

    public static TheoryData<string, ToolCallMode> ToolCases()
    {
        var data = new TheoryData<string, ToolCallMode>();
        foreach (var tokenizer in Tokenizers.Keys)
        {
            data.Add(tokenizer, ToolCallMode.Required);
            data.Add(tokenizer, ToolCallMode.Auto);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void JsonSchema_EveryBudgetFromMinimal_OutputCompleteAndParses(string tokenizer, int schema) =>
        AssertJsonAtEveryBudget(Tokenizers[tokenizer].Value, HandWrittenSchemas[schema]);

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void JsonSchema_GeneratedSchemaEveryBudget_OutputCompleteAndParses(string tokenizer, int seed) =>
        AssertJsonAtEveryBudget(Tokenizers[tokenizer].Value, SchemaGenerator.Generate(seed));

    [Theory]
    [MemberData(nameof(ToolCases))]
    public void ToolCall_EveryBudgetFromMinimal_CallCompleteAndParses(string tokenizerName, ToolCallMode mode)
    {
        var tokenizer = Tokenizers[tokenizerName].Value;
        ToolSchema[] tools =
        [
            .. GrammarTesting.Tools,
            new ToolSchema("book", GrammarTesting.Schema(HandWrittenSchemas[2])),
            new ToolSchema("plan", GrammarTesting.Schema(HandWrittenSchemas[5])),
        ];
        var minimal = new ToolCallConstraint(tokenizer, tools, ToolCallMode.Required).MinimalCompletionTokens();
        for (var budget = minimal; budget <= minimal + ExtraBudgets; budget++)
        {
            foreach (var adversary in Adversaries)
            {
                for (var seed = 0; seed < 3; seed++)
                {
                    var constraint = new ToolCallConstraint(tokenizer, tools, mode);
                    var text = Drive(tokenizer, constraint, budget, seed, adversary);

                    if (mode == ToolCallMode.Auto && !text.TrimStart().StartsWith(ToolCallFormat.OpenTag, StringComparison.Ordinal))
                    {
                        continue; // the output left the tag: plain text is a complete answer
                    }

                    Assert.True(ToolCallParser.TryParse(text, out var calls, out var error), $"budget {budget} ({adversary}, seed {seed}): {error}: {text}");
                    Assert.NotEmpty(calls);
                }
            }
        }
    }

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    [InlineData("synthetic-4k")]
    public void ToolCallWithJsonAnswer_EveryBudget_CallOrJsonParses(string tokenizerName)
    {
        var tokenizer = Tokenizers[tokenizerName].Value;
        var options = new ToolCallConstraintOptions { JsonAnswer = true, JsonAnswerSchema = GrammarTesting.Schema(TokenMaskTests.PersonSchema) };
        var minimal = new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Auto, options).MinimalCompletionTokens();
        for (var budget = minimal; budget <= minimal + ExtraBudgets; budget++)
        {
            foreach (var adversary in Adversaries)
            {
                var constraint = new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Auto, options);
                var text = Drive(tokenizer, constraint, budget, budget, adversary).TrimStart();

                if (text.StartsWith('<'))
                {
                    Assert.True(ToolCallParser.TryParse(text, out var calls, out var error), $"budget {budget}: {error}: {text}");
                    Assert.NotEmpty(calls);
                }
                else
                {
                    using var document = JsonDocument.Parse(text);
                    Assert.True(document.RootElement.TryGetProperty("age", out _), text);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void ShortestCompletion_AfterRandomPrefix_IsAcceptedToTheEnd(string tokenizerName, int seed)
    {
        var tokenizer = Tokenizers[tokenizerName].Value;
        var constraint = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(SchemaGenerator.Generate(seed)));
        var random = new Random(seed);
        var logits = new float[tokenizer.VocabularySize];
        for (var step = 0; step < 40 && !constraint.IsComplete; step++)
        {
            var completion = constraint.Core.ShortestCompletion();
            var recognizer = constraint.Core.Recognizer;
            var checkpoint = recognizer.Checkpoint;
            Assert.True(recognizer.Feed(completion) && recognizer.CanEnd(), $"step {step}: completion '{Encoding.UTF8.GetString(completion)}' refused");
            recognizer.Rollback(checkpoint);

            Fill(logits, random, Adversary.Random, tokenizer);
            constraint.Mask(logits);
            var id = ArgMax(logits);
            if (tokenizer.EosTokenIds.Contains(id))
            {
                break;
            }

            constraint.Accept(id);
        }
    }

    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    public void MinimalCompletionTokens_Start_CountsTheShortestValue(string tokenizerName)
    {
        var tokenizer = Tokenizers[tokenizerName].Value;
        var constraint = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}"""));

        var minimal = constraint.MinimalCompletionTokens();

        Assert.Equal("{\"a\":0}", Encoding.UTF8.GetString(constraint.Core.ShortestCompletion()));
        Assert.InRange(minimal, 1, tokenizer.Encode("{\"a\":0}", addBos: false).Length);
    }

    [Fact]
    public void Mask_LargeBudget_SameAsWithoutBudget()
    {
        var tokenizer = Tokenizers["tiny-llava"].Value;
        var withBudget = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(TokenMaskTests.PersonSchema));
        var without = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(TokenMaskTests.PersonSchema));
        var a = new float[tokenizer.VocabularySize];
        var b = new float[tokenizer.VocabularySize];

        withBudget.Mask(a, 100_000);
        without.Mask(b);

        Assert.Equal(b, a);
    }

    // Prints the per-token mask cost when the engine passes the remaining budget (every token of a 96-token output is
    // within steering distance), next to the unbudgeted cost that MaskBenchmarkTests measures.
    [Theory]
    [InlineData("tiny-llava")]
    [InlineData("tiny-llava-tjs")]
    [InlineData("synthetic-32k")]
    public void MaskCost_BudgetedToolCallAndJson_PrintsMicrosecondsPerToken(string vocabulary)
    {
        var tokenizer = vocabulary == "synthetic-32k" ? Synthetic32K.Value : Tokenizers[vocabulary].Value;
        var options = new ToolCallConstraintOptions { Json = new JsonGrammarOptions { MaxStringLength = 24 } };
        var tokens = vocabulary == "synthetic-32k" ? 600 : 1500;

        foreach (var budgeted in new[] { false, true })
        {
            var tool = MaskBenchmark.Run(() => Wrap(new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Required, options), budgeted), tokenizer.VocabularySize, tokens, CostBudget, 42);
            var json = MaskBenchmark.Run(() => Wrap(new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(TokenMaskTests.PersonSchema)), budgeted), tokenizer.VocabularySize, tokens, CostBudget, 42);

            _output.WriteLine($"{vocabulary} ({tokenizer.VocabularySize} ids), {(budgeted ? $"budget {CostBudget}" : "no budget")}: " +
                $"tool call {tool.MicrosecondsPerToken:F1} µs/token mean ({tool.MedianMicroseconds:F1} median, {tool.CompletedOutputs}/{tool.Outputs} complete), " +
                $"json schema {json.MicrosecondsPerToken:F1} µs/token mean ({json.MedianMicroseconds:F1} median, {json.CompletedOutputs}/{json.Outputs} complete)");
            // (A budgeted tool call may end exactly at the budget with a closed call: complete, though not IsComplete,
            // since another call could follow. BudgetSteeringTests.Drive-based tests check the outputs themselves.)
            Assert.Equal(tokens, tool.Tokens);
            Assert.Equal(tokens, json.Tokens);
        }
    }

    private static ITokenConstraint Wrap(ITokenConstraint constraint, bool budgeted) => budgeted ? new BudgetPassingConstraint(constraint) : constraint;

    // Calls Mask with the tokens left of the budget, as the engine does.
    private sealed class BudgetPassingConstraint : ITokenConstraint
    {
        private readonly ITokenConstraint _inner;
        private int _accepted;

        public BudgetPassingConstraint(ITokenConstraint inner) => _inner = inner;

        public bool IsComplete => _inner.IsComplete;

        public void Mask(Span<float> logits) => _inner.Mask(logits, Math.Max(1, CostBudget - _accepted));

        public void Mask(Span<float> logits, int remainingTokens) => _inner.Mask(logits, remainingTokens);

        public void Accept(int tokenId)
        {
            _accepted++;
            _inner.Accept(tokenId);
        }
    }

    internal enum Adversary
    {
        Random,
        NeverClose,
        LongTokens,
    }

    private static readonly Adversary[] Adversaries = [Adversary.Random, Adversary.NeverClose, Adversary.LongTokens];

    private static void AssertJsonAtEveryBudget(ITextTokenizer tokenizer, string schema)
    {
        var minimal = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(schema)).MinimalCompletionTokens();
        Assert.True(minimal < 200, $"minimal {minimal} for {schema}");
        for (var budget = Math.Max(1, minimal); budget <= minimal + ExtraBudgets; budget++)
        {
            foreach (var adversary in Adversaries)
            {
                for (var seed = 0; seed < 2; seed++)
                {
                    var constraint = new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(schema));
                    var text = Drive(tokenizer, constraint, budget, seed + budget, adversary);

                    try
                    {
                        using var document = JsonDocument.Parse(text);
                    }
                    catch (JsonException e)
                    {
                        Assert.Fail($"budget {budget} (minimal {minimal}, {adversary}, seed {seed}) for {schema}: {e.Message}: {text}");
                    }
                }
            }
        }
    }

    // The engine's loop without a model: mask with the remaining budget, take the best token, stop at the budget,
    // at end-of-sequence or when the constraint completes.
    internal static string Drive(ITextTokenizer tokenizer, ITokenConstraint constraint, int budget, int seed, Adversary adversary)
    {
        var random = new Random(seed);
        var logits = new float[tokenizer.VocabularySize];
        var bytes = new List<byte>();
        for (var generated = 0; generated < budget && !constraint.IsComplete; generated++)
        {
            Fill(logits, random, adversary, tokenizer);
            constraint.Mask(logits, budget - generated);
            var id = ArgMax(logits);
            Assert.False(float.IsNegativeInfinity(logits[id]), $"nothing allowed after '{Encoding.UTF8.GetString(bytes.ToArray())}' with {budget - generated} left");
            if (tokenizer.EosTokenIds.Contains(id))
            {
                constraint.Accept(id);
                break;
            }

            constraint.Accept(id);
            Assert.True(tokenizer.TryGetTokenBytes(id, out var tokenBytes, out _));
            bytes.AddRange(tokenBytes.ToArray());
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void Fill(float[] logits, Random random, Adversary adversary, ITextTokenizer tokenizer)
    {
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (float)random.NextDouble();
        }

        foreach (var eos in tokenizer.EosTokenIds)
        {
            logits[eos] = adversary == Adversary.Random ? logits[eos] : -1000f;
        }

        if (adversary == Adversary.Random)
        {
            return;
        }

        for (var id = 0; id < logits.Length; id++)
        {
            if (!tokenizer.TryGetTokenBytes(id, out var bytes, out _))
            {
                continue;
            }

            if (adversary == Adversary.NeverClose)
            {
                // Prefer anything that opens or continues; closing bytes last.
                logits[id] += bytes.IndexOfAny("\"}]>"u8) >= 0 ? -100f : bytes.IndexOfAny("{[,"u8) >= 0 ? 50f : 0f;
            }
            else
            {
                logits[id] += bytes.Length * 10f;
            }
        }
    }

    private static int ArgMax(float[] logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Random schemas from the supported keywords: nested objects, arrays with bounds, enums, ranges, lengths, formats.</summary>
    internal static class SchemaGenerator
    {
        public static string Generate(int seed)
        {
            var random = new Random(seed);
            return Value(random, 0, forceObject: true);
        }

        private static string Value(Random random, int depth, bool forceObject = false)
        {
            var kind = forceObject ? 0 : random.Next(depth >= 3 ? 3 : 0, 10);
            switch (kind)
            {
                case 0 or 1:
                    var count = random.Next(1, 4);
                    var properties = new List<string>();
                    var required = new List<string>();
                    for (var i = 0; i < count; i++)
                    {
                        var name = "p" + i.ToString(CultureInfo.InvariantCulture) + new string('k', random.Next(0, 6));
                        properties.Add($"\"{name}\":{Value(random, depth + 1)}");
                        if (random.Next(3) > 0)
                        {
                            required.Add($"\"{name}\"");
                        }
                    }

                    return $"{{\"type\":\"object\",\"properties\":{{{string.Join(",", properties)}}},\"required\":[{string.Join(",", required)}]}}";
                case 2:
                    var min = random.Next(0, 3);
                    return $"{{\"type\":\"array\",\"items\":{Value(random, depth + 1)},\"minItems\":{min},\"maxItems\":{min + random.Next(0, 3)}}}";
                case 3:
                    var minLength = random.Next(0, 6);
                    return $"{{\"type\":\"string\",\"minLength\":{minLength},\"maxLength\":{minLength + random.Next(0, 10)}}}";
                case 4:
                    var lo = random.Next(-1000, 1000);
                    return $"{{\"type\":\"integer\",\"minimum\":{lo},\"maximum\":{lo + random.Next(0, 5000)}}}";
                case 5:
                    return """{"enum":["alpha","beta","gamma",7,null]}""";
                case 6:
                    string[] formats = ["date", "time", "date-time", "duration", "uuid"];
                    return $"{{\"type\":\"string\",\"format\":\"{formats[random.Next(formats.Length)]}\"}}";
                case 7:
                    return """{"type":"number","minimum":-2.5,"maximum":1000}""";
                case 8:
                    return """{"type":["boolean","null"]}""";
                default:
                    return """{"type":"string","pattern":"^[a-f0-9]{4,6}(-[xy]+)?$"}""";
            }
        }
    }
}
