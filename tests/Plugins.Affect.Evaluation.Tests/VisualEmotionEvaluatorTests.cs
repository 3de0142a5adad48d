using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Affect.Evaluation.Faces;

namespace Plugins.Affect.Evaluation.Tests;

public sealed class VisualEmotionEvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_FakeModel_ScoresAccuracyConfusionAndUnusable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "faces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        try
        {
            FaceRecord[] records =
            [
                new("a", "images/a.png", "joy", ["x"], "train", "s"),
                new("b", "images/b.png", "joy", ["x"], "train", "s"),
                new("c", "images/c.png", "anger", ["x"], "train", "s"),
                new("d", "images/d.png", "fear", ["x"], "train", "s"),
            ];
            foreach (var r in records)
            {
                File.WriteAllBytes(Path.Combine(folder, r.Image), [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)r.Id[0]]);
            }

            FaceDataSet.Write(folder, records);
            // a: right; b: read as sadness; c: right; d: not JSON (unusable).
            var answers = new Dictionary<byte, string>
            {
                [(byte)'a'] = "{\"clues\":[\"smile\"],\"emotion\":\"joy\"}",
                [(byte)'b'] = "{\"clues\":[\"frown\"],\"emotion\":\"sadness\"}",
                [(byte)'c'] = "{\"clues\":[\"v brows\"],\"emotion\":\"anger\"}",
                [(byte)'d'] = "fear",
            };
            ChatOptions? seen = null;
            var client = new FakeChatClient((messages, options) =>
            {
                seen = options;
                var image = messages.Single().Contents.OfType<DataContent>().Single();
                return answers[image.Data.Span[4]];
            });
            var evaluator = new VisualEmotionEvaluator(client, new VisualEmotionEvaluatorOptions { PruningMethod = "fastervlm", VisualTokenBudget = "25%" });

            var result = await evaluator.EvaluateAsync(folder, null);

            Assert.Equal(4, result.Count);
            Assert.Equal(2, result.Correct);
            Assert.Equal(1, result.Unusable);
            Assert.Equal(0.5, result.Accuracy);
            Assert.Equal(0.5, result.PerLabel.Single(s => s.Label == "joy").Accuracy);
            Assert.Equal(1.0, result.PerLabel.Single(s => s.Label == "anger").Accuracy);
            Assert.Equal(0, result.PerLabel.Single(s => s.Label == "fear").Correct);
            Assert.Equal([1, 1, 0, 0, 0, 0, 0, 0], result.Confusion[0]);
            Assert.Equal(1, result.Confusion[3][7]);
            Assert.Equal("fastervlm", seen!.AdditionalProperties!["pruning_method"]);
            Assert.Equal("25%", seen.AdditionalProperties["visual_token_budget"]);
            Assert.Contains("\"accuracy\": 0.5", result.ToJson(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task EvaluateAsync_Limit_ScoresFirstRecordsOnly()
    {
        FaceRecord[] records = [new("a", "a.png", "neutral", ["x"], "train", "s"), new("b", "b.png", "neutral", ["x"], "train", "s")];
        var folder = Path.Combine(Path.GetTempPath(), "faces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "a.png"), [0x89, 0x50]);
            var client = new FakeChatClient((_, _) => "{\"clues\":[\"flat mouth\"],\"emotion\":\"neutral\"}");

            var result = await new VisualEmotionEvaluator(client, new VisualEmotionEvaluatorOptions { Limit = 1 }).EvaluateAsync(records, folder, null);

            Assert.Equal(1, result.Count);
            Assert.Equal(1.0, result.Accuracy);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private sealed class FakeChatClient(Func<IList<ChatMessage>, ChatOptions?, string> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer([.. messages], options))));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
