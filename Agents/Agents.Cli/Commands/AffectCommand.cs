using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using Plugins.Affect.Text;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents affect --input &lt;file|-&gt; [--json]</c>: VADER sentiment of each input line (offline, the original
/// lexicon). Plain output is a table (text, compound, neg/neu/pos, the strongest drivers); <c>--json</c> prints one
/// object per line: <c>{"text", "neg", "neu", "pos", "compound", "drivers": [{"word", "valence"}]}</c>.
/// </summary>
internal static class AffectCommand
{
    /// <summary>How many drivers the table shows per line (the strongest first).</summary>
    private const int TableDrivers = 3;

    /// <summary>How many characters of each line the table shows.</summary>
    private const int TableTextWidth = 80;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliServices services)
    {
        var input = CliOptions.Text("--input", "The text to score, one sentence per line (UTF-8); '-' reads standard input. Every line gets a result, empty ones too.", "file|-", required: true);
        var json = CliOptions.Flag("--json", "Print one JSON object per line: text, neg, neu, pos, compound (VADER's scores, rounded as the original) and drivers (word, valence after the rules, in text order).");
        var command = new Command("affect", "Text sentiment, offline: VADER (the original rules and lexicon, emoji included) per line: compound in [-1, 1], negative/neutral/positive proportions, and the words that drove the score.")
        {
            input, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            if (path != InputPaths.StandardInput)
            {
                InputPaths.RequireFile("--input", path, "a text file with one sentence per line");
            }

            var analyzer = VaderSentimentAnalyzer.Shared;
            var asJson = parse.GetValue(json);
            var table = ResultTable.Create("text", ">compound", ">neg", ">neu", ">pos", "drivers");
            using (var reader = path == InputPaths.StandardInput
                ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false))
                : new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            {
                for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var scores = analyzer.Analyze(line);
                    if (asJson)
                    {
                        Console.Out.WriteLine(ToJson(line, scores));
                    }
                    else
                    {
                        table.AddTextRow([Shorten(line), F(scores.Compound, "F4"), F(scores.Negative, "F3"), F(scores.Neutral, "F3"), F(scores.Positive, "F3"), TopDrivers(scores.Drivers)]);
                    }
                }
            }

            if (!asJson)
            {
                services.Console.Output.Write(table);
            }

            return System.Threading.Tasks.Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string ToJson(string text, SentimentScores scores) =>
        JsonSerializer.Serialize(
            new
            {
                text,
                neg = scores.Negative,
                neu = scores.Neutral,
                pos = scores.Positive,
                compound = scores.Compound,
                drivers = scores.Drivers.Select(d => new { word = d.Word, valence = Math.Round(d.Valence, 4, MidpointRounding.ToEven) }),
            },
            JsonOptions);

    private static string TopDrivers(IReadOnlyList<SentimentDriver> drivers) =>
        drivers.Count == 0
            ? "-"
            : string.Join(", ", drivers.OrderByDescending(d => Math.Abs(d.Valence)).Take(TableDrivers).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Word} {d.Valence:+0.00;-0.00}")));

    private static string Shorten(string text) => text.Length <= TableTextWidth ? text : string.Concat(text.AsSpan(0, TableTextWidth - 3), "...");

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
