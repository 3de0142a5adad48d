using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Constrained;
using LocalModel.Generation;
using Xunit.Abstractions;

namespace LocalModel.Tests.Constrained;

/// <summary>End to end on the tiny-llava fixture (random weights: unconstrained output is gibberish, constrained output must still be valid).</summary>
public class ConstrainedGenerationTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const string Prompt = "USER: What is the weather in Paris? Use a tool. ASSISTANT:";
    private readonly TinyLlavaEngineFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ConstrainedGenerationTests(TinyLlavaEngineFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public static TheoryData<float, int> Samplings() => new()
    {
        { 0f, 1 },
        { 0.7f, 1 },
        { 0.7f, 2 },
        { 1f, 3 },
        { 1.5f, 4 },
        { 1.5f, 5 },
        { 3f, 6 },
    };

    [Theory]
    [MemberData(nameof(Samplings))]
    public async Task Generate_ToolCallRequired_ParsesIntoValidCalls(float temperature, int seed)
    {
        var options = new ToolCallConstraintOptions { MaxToolCalls = 2, Json = new JsonGrammarOptions { MaxStringLength = 16 } };
        var constraint = new ToolCallConstraint(_fixture.Engine.Tokenizer, GrammarTesting.Tools, ToolCallMode.Required, options);

        var result = await GenerateAsync(constraint, temperature, seed, maxTokens: 400);

        Assert.Equal(FinishReason.EndOfSequence, result.FinishReason);
        Assert.True(ToolCallParser.TryParse(result.Text, out var calls, out var error), error + ": " + result.Text);
        Assert.InRange(calls.Count, 1, 2);
        Assert.All(calls, AssertValidCall);
        Assert.True(constraint.IsComplete);
    }

    [Theory]
    [InlineData(0f, 1)]
    [InlineData(1.2f, 2)]
    public async Task Generate_ToolCallRequiredSingleTool_CallsThatTool(float temperature, int seed)
    {
        var options = new ToolCallConstraintOptions { RequiredToolName = "lookup", MaxToolCalls = 1 };
        var constraint = new ToolCallConstraint(_fixture.Engine.Tokenizer, GrammarTesting.Tools, ToolCallMode.Required, options);

        var result = await GenerateAsync(constraint, temperature, seed, maxTokens: 200);

        Assert.True(ToolCallParser.TryParse(result.Text, out var calls, out var error), error);
        var call = Assert.Single(calls);
        Assert.Equal("lookup", call.Name);
        AssertValidCall(call);
        Assert.Equal(FinishReason.EndOfSequence, result.FinishReason);
    }

    [Theory]
    [MemberData(nameof(Samplings))]
    public async Task Generate_ToolCallAuto_TextOrValidCalls(float temperature, int seed)
    {
        var constraint = new ToolCallConstraint(_fixture.Engine.Tokenizer, GrammarTesting.Tools, ToolCallMode.Auto,
            new ToolCallConstraintOptions { Json = new JsonGrammarOptions { MaxStringLength = 16 } });

        var result = await GenerateAsync(constraint, temperature, seed, maxTokens: 60);

        if (result.Text.TrimStart().StartsWith(ToolCallFormat.OpenTag, StringComparison.Ordinal))
        {
            Assert.True(ToolCallParser.TryParse(result.Text, out var calls, out var error), error);
            Assert.All(calls, AssertValidCall);
        }
        else
        {
            Assert.True(constraint.IsText || result.FinishReason == FinishReason.EndOfSequence);
        }
    }

    [Theory]
    [MemberData(nameof(Samplings))]
    public async Task Generate_JsonSchema_ParsesAndMatchesSchema(float temperature, int seed)
    {
        var constraint = new JsonSchemaConstraint(_fixture.Engine.Tokenizer, GrammarTesting.Schema(TokenMaskTests.PersonSchema));

        var result = await GenerateAsync(constraint, temperature, seed, maxTokens: 300);

        Assert.Equal(FinishReason.EndOfSequence, result.FinishReason);
        using var document = JsonDocument.Parse(result.Text);
        var root = document.RootElement;
        Assert.True(root.GetProperty("name").GetString()!.EnumerateRunes().Count() <= 12);
        Assert.InRange(root.GetProperty("age").GetInt64(), 0, 120);
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name" or "age":
                    break;
                case "tags":
                    Assert.InRange(property.Value.GetArrayLength(), 0, 3);
                    Assert.All(property.Value.EnumerateArray(), t => Assert.True(t.GetString()!.EnumerateRunes().Count() <= 8));
                    break;
                case "ok":
                    Assert.True(property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False);
                    break;
                default:
                    Assert.Fail("unexpected property " + property.Name);
                    break;
            }
        }
    }

    [Theory]
    [InlineData(0f, 1)]
    [InlineData(1f, 2)]
    [InlineData(2f, 3)]
    public async Task Generate_AnyJsonObject_ParsesAsObject(float temperature, int seed)
    {
        var constraint = JsonSchemaConstraint.ForAnyObject(_fixture.Engine.Tokenizer, new JsonGrammarOptions { MaxDepth = 2, MaxArrayItems = 3, MaxStringLength = 8, MaxNumberLength = 6 });

        var result = await GenerateAsync(constraint, temperature, seed, maxTokens: 400);

        Assert.Equal(FinishReason.EndOfSequence, result.FinishReason);
        using var document = JsonDocument.Parse(result.Text);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    [Theory]
    [InlineData("""{"type":"string"}""", 1.5f)]
    [InlineData("""{"type":"number"}""", 1.5f)]
    [InlineData("""{"type":"array","items":{"type":"integer"}}""", 1.5f)]
    public async Task Generate_ModelThatNeverCloses_CapsForceCompletionBeforeMaxTokens(string schema, float temperature)
    {
        var options = new JsonGrammarOptions { MaxStringLength = 40, MaxNumberLength = 12, MaxArrayItems = 5 };
        var constraint = new JsonSchemaConstraint(_fixture.Engine.Tokenizer, GrammarTesting.Schema(schema), options);
        var request = new GenerationRequest
        {
            Prompt = Prompt,
            MaxTokens = 300,
            IgnoreEndOfSequence = true, // the model may not choose to stop: only the caps can end it
            Sampling = new SamplingOptions { Temperature = temperature, Seed = 7 },
            Constraint = constraint,
        };

        var result = await _fixture.Engine.GenerateAsync(request);

        _output.WriteLine($"{result.TokenIds.Count} tokens: {result.Text}");
        Assert.Equal(FinishReason.EndOfSequence, result.FinishReason);
        Assert.True(result.TokenIds.Count < request.MaxTokens);
        using var document = JsonDocument.Parse(result.Text);
    }

    private async Task<GenerationResult> GenerateAsync(ITokenConstraint constraint, float temperature, int seed, int maxTokens)
    {
        var request = new GenerationRequest
        {
            Prompt = Prompt,
            MaxTokens = maxTokens,
            Sampling = new SamplingOptions { Temperature = temperature, Seed = seed },
            Constraint = constraint,
        };
        var result = await _fixture.Engine.GenerateAsync(request);
        _output.WriteLine($"T={temperature} seed={seed} {result.FinishReason} {result.TokenIds.Count} tokens: {result.Text}");
        return result;
    }

    private static void AssertValidCall(ParsedToolCall call)
    {
        var arguments = call.Arguments.EnumerateObject().ToList();
        switch (call.Name)
        {
            case "get_weather":
                Assert.Equal("city", arguments[0].Name);
                Assert.Equal(JsonValueKind.String, arguments[0].Value.ValueKind);
                Assert.InRange(arguments.Count, 1, 2);
                if (arguments.Count == 2)
                {
                    Assert.Equal("unit", arguments[1].Name);
                    Assert.Contains(arguments[1].Value.GetString(), new[] { "c", "f" });
                }

                break;
            case "lookup":
                var id = Assert.Single(arguments);
                Assert.Equal("id", id.Name);
                Assert.True(id.Value.TryGetInt64(out _), id.Value.GetRawText());
                break;
            default:
                Assert.Fail("unknown tool " + call.Name);
                break;
        }
    }
}
