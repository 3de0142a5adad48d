using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using LocalModel.Tokenization;

namespace Agents.Training.Tokenization;

/// <summary>
/// Tokenizes a training set (<c>examples.jsonl</c>) with the C# runtime's own tokenizer and writes <c>tokens.jsonl</c>
/// beside it, so the trainer learns on exactly the ids the engine will see: the prompt as the chat client encodes it
/// (beginning-of-sequence first, template markup with its special tokens, one image token per image) and the answer
/// as the model must generate it after that prompt, followed by the end-of-sequence id.
/// </summary>
public static class TrainingSetTokenizer
{
    /// <summary>The examples file a training set holds.</summary>
    public const string ExamplesFileName = "examples.jsonl";

    /// <summary>The file this class writes.</summary>
    public const string TokensFileName = "tokens.jsonl";

    /// <summary>Tokenizes <paramref name="dataFolder"/>'s examples with the tokenizer in <paramref name="tokenizerFolder"/>.</summary>
    /// <param name="dataFolder">A training set folder (holds <c>examples.jsonl</c>).</param>
    /// <param name="tokenizerFolder">A folder with <c>tokenizer.model</c> or <c>tokenizer.json</c> and <c>tokenizer_config.json</c>.</param>
    /// <param name="progress">Receives the number of examples done.</param>
    /// <param name="cancellationToken">Cancels the work; the partial file is removed.</param>
    /// <returns>Counts and lengths.</returns>
    /// <exception cref="FileNotFoundException">The examples file is missing.</exception>
    /// <exception cref="InvalidDataException">A line is not an example, or an answer does not decode back to its text.</exception>
    public static TrainingTokenizationSummary Tokenize(string dataFolder, string tokenizerFolder, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentException.ThrowIfNullOrEmpty(tokenizerFolder);
        var examples = Path.Combine(dataFolder, ExamplesFileName);
        if (!File.Exists(examples))
        {
            throw new FileNotFoundException($"The training set '{dataFolder}' has no {ExamplesFileName}; write one with 'agents data train'.", examples);
        }

        var tokenizer = VlmTokenizer.Load(tokenizerFolder);
        var eos = tokenizer.EosTokenIds.Count > 0 ? tokenizer.EosTokenIds[0] : throw new InvalidDataException($"The tokenizer in '{tokenizerFolder}' has no end-of-sequence token; the answers need one.");
        var target = Path.Combine(dataFolder, TokensFileName);
        var partial = target + ".partial";
        var count = 0;
        long promptTokens = 0, answerTokens = 0, promptCharacters = 0;
        var longest = 0;
        try
        {
            using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false)))
            {
                var line = 0;
                foreach (var text in File.ReadLines(examples))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    line++;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        continue;
                    }

                    var (id, prompt, answer) = Parse(text, examples, line);
                    var promptIds = tokenizer.Encode(prompt, addBos: true, parseSpecialTokens: true);
                    var answerIds = tokenizer.Encode(answer, addBos: false, parseSpecialTokens: false);
                    var decoded = tokenizer.Decode(answerIds, skipSpecialTokens: false);
                    if (!string.Equals(decoded.Trim(), answer.Trim(), StringComparison.Ordinal))
                    {
                        throw new InvalidDataException($"{examples} line {line} ({id}): the answer decodes to '{decoded}', not '{answer}'; the tokenizer cannot represent it.");
                    }

                    WriteLine(writer, id, promptIds, answerIds, eos);
                    count++;
                    promptTokens += promptIds.Length;
                    promptCharacters += prompt.Length;
                    answerTokens += answerIds.Length + 1;
                    longest = Math.Max(longest, promptIds.Length);
                    if (count % 500 == 0)
                    {
                        progress?.Report(count);
                    }
                }
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }

        progress?.Report(count);
        return new TrainingTokenizationSummary(
            target,
            count,
            count == 0 ? 0 : (double)promptTokens / count,
            longest,
            count == 0 ? 0 : (double)answerTokens / count,
            promptTokens == 0 ? 0 : (double)promptCharacters / promptTokens);
    }

    private static (string Id, string Prompt, string Answer) Parse(string text, string file, int line)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return (Required(root, "id"), Required(root, "prompt"), Required(root, "answer"));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file} line {line} is not JSON: {ex.Message}", ex);
        }

        string Required(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new InvalidDataException($"{file} line {line} has no string '{name}'.");
    }

    private static void WriteLine(StreamWriter writer, string id, IReadOnlyList<int> prompt, IReadOnlyList<int> answer, int eos)
    {
        var builder = new StringBuilder(16 + (8 * (prompt.Count + answer.Count)));
        builder.Append("{\"id\":").Append(JsonSerializer.Serialize(id)).Append(",\"prompt_ids\":[");
        Append(builder, prompt);
        builder.Append("],\"answer_ids\":[");
        Append(builder, answer);
        builder.Append(answer.Count > 0 ? "," : string.Empty).Append(eos.ToString(CultureInfo.InvariantCulture)).Append("]}");
        writer.WriteLine(builder.ToString());
    }

    private static void Append(StringBuilder builder, IReadOnlyList<int> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }
    }
}
