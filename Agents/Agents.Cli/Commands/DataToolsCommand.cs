using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Tools.Evaluation.Generation;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents data tools</c>: writes a seeded tool-selection data set: a catalogue of at least 200 tools in synonym
/// groups with near-miss distractors, held-out queries (direct, low-overlap paraphrases, with an image) and the query
/// images in <c>images/</c> beside the file.
/// </summary>
internal static class DataToolsCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new ToolDataGeneratorOptions { OutputFile = "tools.json" };
        var output = CliOptions.Text("--out", "The data file to write (JSON); images go to images/ beside it.", "file", required: true);
        var seed = CliOptions.Int("--seed", "The seed; the same seed and counts write the same bytes (1 with --split tuning for tuning, 2026 with --split heldout for the held-out report).", int.MinValue, defaults.Seed);
        var tools = CliOptions.Int("--tools", string.Create(CultureInfo.InvariantCulture, $"How many tools, {ToolDataGeneratorOptions.MinToolCount} to {ToolDataGenerator.MaxToolCount}."), 1, defaults.ToolCount);
        var queries = CliOptions.Int("--queries", "How many queries.", 1, defaults.QueryCount);
        var split = CliOptions.Choice("--split", "Which instruction templates: all (default), tuning (all but each group's last direct and paraphrase template) or heldout (only those last ones); tuning and heldout never share a template.", "all", "tuning", "heldout");
        var command = new Command("tools", "Generate tool-selection data: a catalogue of synonym groups (the same function from several plugins, worded differently) with near-miss distractors, and held-out queries, at least a quarter of them low-overlap paraphrases, some with an image.")
        {
            output, seed, tools, queries, split,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var splitName = parse.GetValue(split)!;
            var splitValue = splitName switch
            {
                "tuning" => ToolDataSplit.Tuning,
                "heldout" => ToolDataSplit.HeldOut,
                _ => ToolDataSplit.All,
            };
            var options = new ToolDataGeneratorOptions { OutputFile = parse.GetValue(output)!, Seed = parse.GetValue(seed), ToolCount = parse.GetValue(tools), QueryCount = parse.GetValue(queries), Split = splitValue };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(CliErrors.StripParameterName(ex.Message).Replace("ToolDataGeneratorOptions.ToolCount", "--tools", StringComparison.Ordinal).Replace("ToolDataGeneratorOptions.QueryCount", "--queries", StringComparison.Ordinal), ex);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputFile))!;
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--out '{options.OutputFile}': the folder '{folder}' does not exist; create it first.");
            }

            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"data tools: {options.ToolCount} tools, {options.QueryCount} queries, seed {options.Seed}, split {splitName}, into {options.OutputFile}"));
            var summary = ToolDataGenerator.Generate(options, null, cancellationToken);
            var kinds = string.Join(", ", summary.KindCounts.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Value} {k.Key}")));
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {summary.ToolCount} tools in {summary.GroupCount} synonym groups and {summary.QueryCount} queries ({kinds}) to {summary.DataFile}"));
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  low-overlap queries (at most 1 content stem shared with any acceptable tool): {summary.LowOverlapQueries} ({summary.LowOverlapShare * 100:F1}%)"));
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  images: {summary.ImageQueries} in {summary.ImagesFolder}"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
