using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Agents.Cli.Inputs;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using Plugins.Gui.Evaluation.Flows;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents eval actions</c>: the GUI-action evaluation on a flow folder: steps right (teacher-forced) and flows
/// completed end to end in headless Chromium, with optional visual-token pruning.
/// </summary>
internal static class EvalActionsCommand
{
    public static Command Create(CliServices services)
    {
        var data = CliOptions.Text("--data", "The flow folder (agents data flows writes one).", "dir", required: true);
        var model = CliOptions.Text("--model", "The vision model: a package folder or a llava-hf checkpoint folder.", "package-or-checkpoint", required: true);
        var pruning = CliOptions.Text("--pruning", "The visual-token pruning method (pruning_method), e.g. fastervlm; default the package's.", "method");
        var keep = CliOptions.Text("--keep", "Visual tokens kept per image (visual_token_budget): a count (64) or a percentage (25%).", "count|percent");
        var json = CliOptions.Text("--json", "Also write the results with every flow to this file as JSON.", "file");
        var limit = CliOptions.OptionalInt("--limit", "Evaluate only the first N flows.");
        var command = new Command("actions", "GUI-action accuracy on generated flows: steps right (teacher-forced) and flows completed end to end in Chromium.")
        {
            data, model, pruning, keep, json, limit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (!File.Exists(Path.Combine(folder, GuiFlowSet.FlowsFile)))
            {
                throw new UsageException($"--data '{folder}' has no {GuiFlowSet.FlowsFile}; write one with agents data flows --out {folder}.");
            }

            var count = parse.GetValue(limit);
            if (count is < 1)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--limit needs an integer >= 1, got '{count}'."));
            }

            var options = new ChatOptions { AdditionalProperties = [] };
            if (parse.GetValue(pruning) is { } method)
            {
                options.AdditionalProperties["pruning_method"] = method;
            }

            if (parse.GetValue(keep) is { } budget)
            {
                options.AdditionalProperties["visual_token_budget"] = budget.EndsWith('%') ? budget
                    : int.TryParse(budget, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new UsageException($"--keep needs a count (64) or a percentage (25%), got '{budget}'.");
            }

            var package = ModelResolver.Resolve("--model", parse.GetValue(model)!, services.Console, quiet: false);
            using var engine = VlmEngine.Load(package, new VlmEngineOptions(), services.Loggers);
            using var chat = new LocalVlmChatClient(engine, ownsEngine: false, loggerFactory: services.Loggers);
            var evaluator = new GuiActionEvaluator(new GuiActionEvaluatorOptions { ModelOptions = options, Limit = count ?? 0 });
            var result = await evaluator.EvaluateAsync(chat, folder, cancellationToken).ConfigureAwait(false);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steps right: {result.StepsRight}/{result.Steps} ({result.StepAccuracy * 100:F1}%); flows completed: {result.FlowsCompleted}/{result.Flows} ({result.CompletionRate * 100:F1}%)"));
            if (parse.GetValue(json) is { } jsonPath)
            {
                await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
