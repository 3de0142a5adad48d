using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Agents.Training.Tokenization;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents data tokenize</c>: tokenizes a training set with the runtime's tokenizer (so the trainer sees the ids the
/// engine builds) and writes <c>tokens.jsonl</c> beside its <c>examples.jsonl</c>.
/// </summary>
internal static class DataTokenizeCommand
{
    public static Command Create(CliServices services)
    {
        var data = CliOptions.Text("--data", "The training set folder (written by 'agents data train').", "dir", required: true);
        var tokenizer = CliOptions.Text("--tokenizer", "The folder with tokenizer.model or tokenizer.json and tokenizer_config.json (a checkpoint or the trainer's tokenizer folder).", "dir", required: true);
        var command = new Command("tokenize", "Tokenize a training set with the C# runtime's tokenizer: prompt ids as the chat client encodes them, answer ids as the model must generate them, end-of-sequence last; writes tokens.jsonl.")
        {
            data, tokenizer,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            var tokenizerFolder = parse.GetValue(tokenizer)!;
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--data '{folder}' does not exist; write a training set with 'agents data train'.");
            }

            if (!Directory.Exists(tokenizerFolder))
            {
                throw new UsageException($"--tokenizer '{tokenizerFolder}' does not exist; give the folder that holds tokenizer.model (or tokenizer.json).");
            }

            var summary = TrainingSetTokenizer.Tokenize(folder, tokenizerFolder, null, cancellationToken);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Tokenized {summary.Examples} examples into {summary.TokensFile}: prompts {summary.MeanPromptTokens:F1} tokens on average (longest {summary.MaxPromptTokens}, {summary.PromptCharactersPerToken:F2} characters per token), answers {summary.MeanAnswerTokens:F1}"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
