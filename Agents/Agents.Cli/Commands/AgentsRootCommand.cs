using System.CommandLine;
using System.CommandLine.Help;
using System.Threading.Tasks;

namespace Agents.Cli.Commands;

/// <summary>The <c>agents</c> command tree: <c>model build|info|synth</c>, <c>generate</c>, <c>bench chat|pruning|runtime|embeddings</c>, <c>eval grounding|tools|model</c>, <c>data gui|tools</c>, <c>affect</c>.</summary>
internal static class AgentsRootCommand
{
    /// <summary>The first line printed when no command is given.</summary>
    public const string UsageLine = "usage: agents <command> [options]   ('agents <command> --help' describes a command)";

    public static RootCommand Create(CliServices services)
    {
        var model = new Command("model", "Build, describe and synthesise model packages and checkpoints.")
        {
            ModelBuildCommand.Create(services),
            ModelInfoCommand.Create(services),
            ModelSynthCommand.Create(services),
        };
        var bench = new Command("bench", "Benchmarks: runtime speed, constrained decoding and batching, visual-token pruning, text embeddings, the OpenAI-compatible server under load.")
        {
            BenchRuntimeCommand.Create(services),
            BenchQuantizationCommand.Create(services),
            BenchChatCommand.Create(services),
            BenchPruningCommand.Create(services),
            BenchEmbeddingsCommand.Create(services),
            BenchServeCommand.Create(services),
        };
        var eval = new Command("eval", "Offline evaluations: GUI grounding accuracy on page tasks or ScreenSpot records; tool-selection accuracy on a tool catalogue and queries.")
        {
            EvalGroundingCommand.Create(services),
            EvalToolsCommand.Create(services),
            EvalAffectCommand.Create(services),
            EvalActionsCommand.Create(services),
            EvalModelCommand.Create(services),
        };
        var data = new Command("data", "Generate evaluation data: GUI pages with grounding tasks; tool catalogues with held-out instructions.")
        {
            DataGuiCommand.Create(services),
            DataToolsCommand.Create(services),
            DataTokenizeCommand.Create(services),
            DataFacesCommand.Create(services),
            DataFlowsCommand.Create(services),
            DataTrainCommand.Create(services),
        };
        var root = new RootCommand("The agents tool: build model packages from llava-hf and Qwen2.5-VL checkpoints, inspect them, generate, benchmark, evaluate GUI grounding and tool selection and generate their data, score text sentiment. Exit codes: 0 ok, 1 runtime failure, 2 bad arguments or input, 130 cancelled.")
        {
            model,
            GenerateCommand.Create(services),
            bench,
            eval,
            data,
            AffectCommand.Create(services),
            DemoCommand.Create(services),
            GuiCommand.Create(services),
            ChatCommand.Create(services),
            ServeCommand.Create(services),
            McpCommand.Create(services),
        };

        // No command: the usage line and the overview on stdout, exit 2 (nothing was done).
        root.SetAction(parse =>
        {
            System.Console.Out.WriteLine(UsageLine);
            System.Console.Out.WriteLine();
            new HelpAction().Invoke(parse);
            return ExitCodes.BadInput;
        });
        return root;
    }

    /// <summary>Returns the command path of the deepest command <paramref name="parse"/> reached, e.g. <c>agents model build</c>.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var path = string.Empty;
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path = result.Command is RootCommand ? "agents" + path : " " + result.Command.Name + path;
        }

        return path;
    }

    /// <summary>Runs the parsed command line's action.</summary>
    public static Task<int> InvokeAsync(ParseResult parse) =>
        // agents chat handles Ctrl+C itself (it cancels the current answer, not the session).
        parse.InvokeAsync(parse.CommandResult.Command.Name == "chat"
            ? new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }
            : new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
