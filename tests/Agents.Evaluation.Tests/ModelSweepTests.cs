using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Agents.Evaluation.Reporting;
using Microsoft.Extensions.AI;

namespace Agents.Evaluation.Tests;

public sealed class ModelSweepTests
{
    [Fact]
    public void Header_196TokensDefaultBudgets_PaperColumns()
    {
        var budgets = ModelSweep.BudgetsOf(ModelSweepOptions.DefaultBudgets, 196);

        var header = ModelSweepMarkdown.Header(196, budgets);

        Assert.Equal("| Method | Upper bound 196 (100%) | Retain 98 (-50%) | Retain 49 (-75%) | Retain 22 (-88.9%) | Retain 11 (-94.4%) |", header);
    }

    [Fact]
    public async Task RunAsync_NoStages_FullOnceAndInLlmUnavailable()
    {
        var task = new FakeTask();
        var sweep = new ModelSweep(new ModelSweepOptions { Methods = ["fastervlm", "fastv"], VisualTokensPerImage = 196 });

        var result = await sweep.RunAsync(new FakeClient(), [task], "fake");

        Assert.Equal(1 + 4, task.Calls.Count);
        Assert.Empty(task.Calls[0]);
        Assert.Equal("22", result.Find("fake", "fastervlm", 11.1)!.Budget == "11.1%" ? "22" : "?");
        Assert.All(result.Cells.Where(c => c.Method == "fastv"), c => Assert.False(c.IsAvailable));
        Assert.Equal(4, result.Cells.Count(c => c.Method == "fastv"));
    }

    private sealed class FakeTask : IModelEvaluationTask
    {
        public List<IReadOnlyDictionary<string, object?>> Calls { get; } = [];

        public string Name => "fake";

        public string Metric => "accuracy";

        public Task<ModelTaskScore> RunAsync(IChatClient client, IReadOnlyDictionary<string, object?> modelOptions, CancellationToken cancellationToken = default)
        {
            Calls.Add(modelOptions);
            return Task.FromResult(new ModelTaskScore(0.5, 10));
        }
    }

    private sealed class FakeClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse());

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<ChatResponseUpdate>();

        public object? GetService(System.Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
