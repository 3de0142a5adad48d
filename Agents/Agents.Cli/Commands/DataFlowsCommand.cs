using System.CommandLine;
using System.Globalization;
using System.Linq;
using Plugins.Gui.Evaluation.Flows;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents data flows</c>: writes seeded multi-step GUI flows (sign-in, registration, search, settings, checkout) as
/// <c>flows.jsonl</c> and static sites under <c>sites/</c>; <c>--split heldout</c> writes the reserved layouts and labels.
/// </summary>
internal static class DataFlowsCommand
{
    public static Command Create(CliServices services)
    {
        var output = CliOptions.Text("--out", "The folder to write (created).", "dir", required: true);
        var count = CliOptions.Int("--count", "How many flows to write.", 1, 50);
        var seed = CliOptions.Int("--seed", "The seed; the same split, seed and count write the same files.", int.MinValue, 1);
        var split = CliOptions.Choice("--split", "train, or heldout (another random stream and only the reserved layout of each kind, half the labels from a reserved vocabulary).", "train", "heldout");
        var command = new Command("flows", "Generate GUI-action flows: small static sites with the task, the scripted correct actions and a success check.")
        {
            output, count, seed, split,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!;
            var flows = GuiFlowGenerator.Generate(parse.GetValue(split)!, parse.GetValue(seed), parse.GetValue(count));
            await GuiFlowSet.WriteAsync(folder, flows, cancellationToken).ConfigureAwait(false);
            var steps = flows.Sum(f => f.Flow.Steps.Count);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {flows.Count} flows ({steps} steps) to {folder}"));
            services.Console.Output.WriteLine("  per kind: " + string.Join(", ", flows.GroupBy(f => f.Flow.Kind).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"))));
            return ExitCodes.Success;
        });
        return command;
    }
}
