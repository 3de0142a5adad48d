using System;
using LocalModel.Constrained;
using LocalModel.Generation;
using LocalModel.Tests.TestSupport;
using LocalModel.Tokenization;
using Xunit.Abstractions;

namespace LocalModel.Tests.Constrained;

/// <summary>
/// Prints the per-token mask cost when the engine passes the remaining budget (every token of a 96-token output is
/// within steering distance), next to the unbudgeted cost that <see cref="MaskBenchmarkTests"/> measures.
/// </summary>
public class BudgetMaskCostTests
{
    private const int Budget = 96;
    private static readonly Lazy<ITextTokenizer> Synthetic32K = new(() => new SyntheticTokenizer(32000, 11));
    private readonly ITestOutputHelper _output;

    public BudgetMaskCostTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Vocabularies() => ["tiny-llava", "tiny-llava-tjs", "synthetic-32k"];

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void MaskCost_BudgetedToolCallAndJson_PrintsMicrosecondsPerToken(string vocabulary)
    {
        var tokenizer = vocabulary == "synthetic-32k" ? Synthetic32K.Value : VlmTokenizer.Load(Fixtures.Dir(vocabulary));
        var options = new ToolCallConstraintOptions { Json = new JsonGrammarOptions { MaxStringLength = 24 } };
        var tokens = vocabulary == "synthetic-32k" ? 600 : 1500;

        foreach (var budgeted in new[] { false, true })
        {
            var tool = MaskBenchmark.Run(() => Wrap(new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Required, options), budgeted), tokenizer.VocabularySize, tokens, Budget, 42);
            var json = MaskBenchmark.Run(() => Wrap(new JsonSchemaConstraint(tokenizer, GrammarTesting.Schema(TokenMaskTests.PersonSchema)), budgeted), tokenizer.VocabularySize, tokens, Budget, 42);

            _output.WriteLine($"{vocabulary} ({tokenizer.VocabularySize} ids), {(budgeted ? $"budget {Budget}" : "no budget")}: " +
                $"tool call {tool.MicrosecondsPerToken:F1} µs/token mean ({tool.MedianMicroseconds:F1} median, {tool.CompletedOutputs}/{tool.Outputs} complete), " +
                $"json schema {json.MicrosecondsPerToken:F1} µs/token mean ({json.MedianMicroseconds:F1} median, {json.CompletedOutputs}/{json.Outputs} complete)");
            // (A budgeted tool call may end exactly at the budget with a closed call: complete, though not IsComplete,
            // since another call could follow. BudgetSteeringTests checks the outputs themselves.)
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

        public void Mask(Span<float> logits) => _inner.Mask(logits, Math.Max(1, Budget - _accepted));

        public void Mask(Span<float> logits, int remainingTokens) => _inner.Mask(logits, remainingTokens);

        public void Accept(int tokenId)
        {
            _accepted++;
            _inner.Accept(tokenId);
        }
    }
}
