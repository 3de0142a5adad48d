using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agents.Bench;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Chat;
using LocalModel.Embeddings;
using LocalModel.Generation;
using LocalModel.Pruning;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Tools.Evaluation;
using Plugins.Tools.Evaluation.Data;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Retrieval.Reranking;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents eval tools</c>: scores tool retrievers (bm25, embedding, hybrid, model, or all side by side) on a
/// tool-selection data set: top-1, hit@k and recall@k overall, with an image and on low-overlap queries, and mean
/// and median time per query after one untimed warm-up; optional JSON with every query and the misses.
/// </summary>
internal static class EvalToolsCommand
{
    private const string All = "all";

    public static Command Create(CliServices services)
    {
        var data = CliOptions.Text("--data", "The data file: {\"tools\": [...], \"queries\": [...]} (see agents data tools); images relative to it.", "file", required: true);
        var retriever = CliOptions.Choice("--retriever", "The retriever: hybrid (reciprocal-rank fusion of bm25 and embedding), bm25, embedding (MiniLM), model (the VLM re-ranks a hybrid shortlist; needs --model), or all (bm25, embedding, hybrid, and model when --model is given).", "hybrid", "bm25", "embedding", "model", All);
        var topK = CliOptions.Int("--top-k", "The k of hit@k and recall@k.", 1, 10);
        var model = CliOptions.Text("--model", "The vision model for the model retriever: a package folder or a checkpoint folder (llava-hf or Qwen2.5-VL).", "package-or-checkpoint");
        var json = CliOptions.Text("--json", "Also write the results (metrics, misses and every query per retriever) to this file as JSON.", "file");
        var limit = CliOptions.OptionalInt("--limit", "Evaluate only the first N queries.");
        var shortlist = CliOptions.Int("--shortlist", "How many hybrid candidates the model retriever re-ranks (at least the top k are offered); small models with short contexts need a few.", 1, new ModelToolRetrieverOptions().ShortlistSize);
        var cpu = CliOptions.Flag("--cpu", "Run the vision model on the CPU even when CUDA is available.");
        var pruning = CliOptions.Method("--pruning", $"Visual-token pruning method of the model retriever's requests (pruning_method). Default: the client's, or {GenerateCommand.DefaultPruningMethod} when --keep is given. One of: {CliOptions.KnownMethods}.");
        var keep = CliOptions.Budget("--keep", $"Visual tokens to keep per image in the model retriever's requests (visual_token_budget): {VisualTokenBudget.AcceptedForms}.");
        var command = new Command("tools", "Accuracy of tool retrievers on a tool-selection data set: a tool is right when it is in the query's acceptable set; top-1, hit@k, recall@k overall, with an image and on low-overlap paraphrases, with mean time per query.")
        {
            data, retriever, topK, model, json, limit, shortlist, cpu, pruning, keep,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataPath = parse.GetValue(data)!;
            var name = parse.GetValue(retriever)!;
            var modelPath = parse.GetValue(model);
            var count = parse.GetValue(limit);
            var k = parse.GetValue(topK);
            InputPaths.RequireFile("--data", dataPath, "a tool-selection data file (agents data tools writes one)");
            if (count is < 1)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--limit needs an integer >= 1, got '{count}'."));
            }

            if (name == "model" && modelPath is null)
            {
                throw new UsageException("--retriever model needs --model <package-or-checkpoint> (the vision model that re-ranks the shortlist).");
            }

            if (name is not ("model" or All) && modelPath is not null)
            {
                throw new UsageException($"--model is used only by the model retriever (--retriever model or all), not by --retriever {name}.");
            }

            var method = parse.GetValue(pruning);
            var budget = parse.GetValue(keep);
            if ((method is not null || budget is not null) && modelPath is null)
            {
                throw new UsageException("--pruning and --keep apply to the model retriever's requests; give --model <package-or-checkpoint> with --retriever model or all.");
            }

            var names = name == All ? new List<string> { "bm25", "embedding", "hybrid" } : [name];
            if (name == All && modelPath is not null)
            {
                names.Add("model");
            }

            var dataset = ToolDatasetReader.Read(dataPath);
            var package = modelPath is null ? null : ModelResolver.Resolve("--model", modelPath, services.Console, quiet: false);
            using var embeddings = names.Any(n => n != "bm25") ? new MiniLmEmbeddingGenerator() : null;
            using var engine = package is null ? null : VlmEngine.Load(package, new VlmEngineOptions { ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto }, services.Loggers);
            var requestKeys = RequestKeys(method, budget);
            if (engine is not null && requestKeys is not null)
            {
                ModelResolver.RequireStagesFor("--pruning", (string)requestKeys[LocalVlmRequestSettings.PruningMethodKey]!, engine.Package.Directory, engine.Package.Manifest);
            }

            using var chat = engine is null ? null : new LocalVlmChatClient(engine, ownsEngine: false, loggerFactory: services.Loggers);
            var queryCount = Math.Min(count ?? int.MaxValue, dataset.Queries.Count);
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"eval tools: {string.Join(", ", names)} on {dataPath} ({dataset.Tools.Count} tools, {queryCount} queries, k = {k}); only the retriever call is timed, after one untimed warm-up query"));
            var evaluations = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var results = new List<ToolEvaluation>();
                foreach (var n in names)
                {
                    var instance = n == "model"
                        ? new ModelToolRetriever(chat!, new HybridToolRetriever(embeddings!), new ModelToolRetrieverOptions { ShortlistSize = parse.GetValue(shortlist), AdditionalProperties = requestKeys }, services.Loggers.CreateLogger<ModelToolRetriever>())
                        : ToolRetrievers.Create(n, embeddings, chat, services.Loggers);
                    var evaluator = new ToolSelectionEvaluator(instance, new ToolEvaluatorOptions { TopK = k, Limit = count }, services.Loggers.CreateLogger<ToolSelectionEvaluator>());
                    var reporter = new StepProgress(progress, n);
                    results.Add(await evaluator.EvaluateAsync(dataset, dataPath, reporter, cancellationToken).ConfigureAwait(false));
                    reporter.Complete();
                }

                return results;
            }).ConfigureAwait(false);

            var at = k.ToString(CultureInfo.InvariantCulture);
            var table = ResultTable.Create("retriever", "queries", ">n", ">top-1", $">hit@{at}", $">recall@{at}", ">mean ms", ">median ms");
            foreach (var evaluation in evaluations)
            {
                foreach (var subset in evaluation.Subsets)
                {
                    var timed = subset.Subset == ToolEvaluation.AllSubset;
                    table.AddTextRow(
                    [
                        evaluation.Retriever,
                        subset.Subset,
                        subset.Count.ToString(CultureInfo.InvariantCulture),
                        Percent(subset.Count, subset.Top1),
                        Percent(subset.Count, subset.HitAtK),
                        Percent(subset.Count, subset.RecallAtK),
                        timed ? evaluation.MeanMilliseconds.ToString("F2", CultureInfo.InvariantCulture) : string.Empty,
                        timed ? evaluation.MedianMilliseconds.ToString("F2", CultureInfo.InvariantCulture) : string.Empty,
                    ]);
                }
            }

            services.Console.Output.Write(table);
            foreach (var evaluation in evaluations)
            {
                services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"{evaluation.Retriever}: {evaluation.Misses.Count} top-1 misses{(parse.GetValue(json) is null ? " (--json lists them)" : string.Empty)}"));
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                var root = new JsonObject
                {
                    ["data"] = dataPath,
                    ["top_k"] = k,
                    ["runs"] = new JsonArray([.. evaluations.Select(e => (JsonNode)e.ToJsonNode())]),
                };
                await File.WriteAllTextAsync(jsonPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The pruning keys of the model retriever's requests, or null when neither option was given.</summary>
    internal static AdditionalPropertiesDictionary? RequestKeys(string? method, VisualTokenBudget? budget)
    {
        if (method is null && budget is null)
        {
            return null;
        }

        var keys = new AdditionalPropertiesDictionary { [LocalVlmRequestSettings.PruningMethodKey] = method ?? GenerateCommand.DefaultPruningMethod };
        if (budget is not null)
        {
            keys[LocalVlmRequestSettings.VisualTokenBudgetKey] = budget.ToString();
        }

        return keys;
    }

    private static string Percent(int count, double share) =>
        count == 0 ? "-" : (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>Starts one progress step per retriever at its first report and advances it per query.</summary>
    private sealed class StepProgress(BenchProgress progress, string retriever) : IProgress<ToolEvaluationProgress>
    {
        private IBenchmarkStep? _step;

        public void Report(ToolEvaluationProgress value)
        {
            _step ??= progress.Start(retriever + " queries", value.Total);
            _step.Advance();
        }

        public void Complete() => _step?.Complete();
    }
}
