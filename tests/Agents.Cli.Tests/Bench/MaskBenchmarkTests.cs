using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Agents.Bench.Constrained;
using Agents.Cli.Tests.TestSupport;
using LocalModel.Constrained;
using LocalModel.Generation;
using LocalModel.Tests.Constrained;
using LocalModel.Tokenization;
using Xunit.Abstractions;

namespace Agents.Cli.Tests.Bench;

/// <summary>Prints the mask cost per token (µs) for the fixture vocabularies and a synthetic 32k one; asserts only that it runs.</summary>
public class MaskBenchmarkTests
{
    private const string PersonSchema = """
        {"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer","minimum":0,"maximum":120},
         "tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":3},"ok":{"type":"boolean"}},"required":["name","age"]}
        """;

    private static readonly Lazy<SyntheticTokenizer> Synthetic32K = new(() => new SyntheticTokenizer(32_000, 1234));

    private static readonly IReadOnlyList<ToolSchema> Tools =
    [
        new ToolSchema("get_weather", Schema("""{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}""")),
        new ToolSchema("lookup", Schema("""{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}""")),
    ];

    private readonly ITestOutputHelper _output;

    public MaskBenchmarkTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Vocabularies() => ["tiny-llava", "tiny-llava-tjs", "synthetic-32k"];

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void MaskCost_ToolCallRequired_PrintsMicrosecondsPerToken(string vocabulary)
    {
        var tokenizer = Tokenizer(vocabulary);
        var options = new ToolCallConstraintOptions { MaxToolCalls = 2, Json = new JsonGrammarOptions { MaxStringLength = 48 } };

        var result = Measure(vocabulary, "tool call (required)", tokenizer, () => new ToolCallConstraint(tokenizer, Tools, ToolCallMode.Required, options));

        Assert.True(result.CompletedOutputs > 0);
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void MaskCost_JsonSchema_PrintsMicrosecondsPerToken(string vocabulary)
    {
        var tokenizer = Tokenizer(vocabulary);

        var result = Measure(vocabulary, "json schema", tokenizer, () => new JsonSchemaConstraint(tokenizer, Schema(PersonSchema)));

        Assert.True(result.CompletedOutputs > 0);
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void MaskCost_FreeJsonObject_PrintsMicrosecondsPerToken(string vocabulary)
    {
        var tokenizer = Tokenizer(vocabulary);
        var options = new JsonGrammarOptions { MaxDepth = 3, MaxArrayItems = 4, MaxStringLength = 32 };

        var result = Measure(vocabulary, "any object", tokenizer, () => JsonSchemaConstraint.ForAnyObject(tokenizer, options));

        Assert.True(result.Tokens > 0);
    }

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static ITextTokenizer Tokenizer(string vocabulary) => vocabulary switch
    {
        "synthetic-32k" => Synthetic32K.Value,
        _ => VlmTokenizer.Load(Path.Combine(CliFixtures.RepoRoot, "tests", "fixtures", vocabulary)),
    };

    private MaskBenchmarkResult Measure(string vocabulary, string what, ITextTokenizer tokenizer, Func<ITokenConstraint> create)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var index = TokenVocabularyIndex.For(tokenizer);
        var indexMs = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var result = MaskBenchmark.Run(create, tokenizer.VocabularySize, tokens: vocabulary == "synthetic-32k" ? 1500 : 3000, maxTokensPerOutput: 400, seed: 42);
        _output.WriteLine(
            $"{vocabulary} ({tokenizer.VocabularySize} ids, {index.NodeCount} trie nodes, index {indexMs:F1} ms), {what}: " +
            $"{result.MicrosecondsPerToken:F1} µs/token mean, {result.MedianMicroseconds:F1} median, {result.MaxMicroseconds:F0} µs max, {result.Tokens} tokens, {result.CompletedOutputs}/{result.Outputs} outputs completed");
        return result;
    }
}
