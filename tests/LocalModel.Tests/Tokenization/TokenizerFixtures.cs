using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Tokenization;

/// <summary>The committed tokenizer fixtures (tests/fixtures/tokenizers, written by tests/fixtures/scripts/make_tokenizers.py).</summary>
internal static class TokenizerFixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> Cases = new(ReadCases);
    private static readonly Lazy<VlmTokenizer> SentencePieceTokenizer = new(() => VlmTokenizer.Load(SentencePieceDirectory));
    private static readonly Lazy<VlmTokenizer> ByteLevelTokenizer = new(() => VlmTokenizer.Load(ByteLevelDirectory));

    public static string Directory => Root.Value;

    public static string SentencePieceDirectory => Path.Combine(Root.Value, "sp");

    public static string ByteLevelDirectory => Path.Combine(Root.Value, "bpe");

    public static VlmTokenizer SentencePiece => SentencePieceTokenizer.Value;

    public static VlmTokenizer ByteLevel => ByteLevelTokenizer.Value;

    public static IReadOnlyList<ReferenceCase> ReferenceCases => Cases.Value;

    public static VlmTokenizer Get(string kind) => kind switch
    {
        "sp" => SentencePiece,
        "bpe" => ByteLevel,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected 'sp' or 'bpe'."),
    };

    public static ReferenceCase Case(string name) => ReferenceCases.Single(c => c.Name == name);

    /// <summary>xunit member data: (kind, case name) for both tokenizers and every case.</summary>
    public static TheoryData<string, string> AllCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "sp", "bpe" })
        {
            foreach (var c in ReferenceCases)
            {
                data.Add(kind, c.Name);
            }
        }

        return data;
    }

    /// <summary>xunit member data: case names.</summary>
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceCases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Agents.sln")))
            {
                var fixtures = Path.Combine(dir.FullName, "tests", "fixtures", "tokenizers");
                if (!File.Exists(Path.Combine(fixtures, "reference_ids.json")))
                {
                    throw new InvalidOperationException($"Tokenizer fixtures missing under '{fixtures}'; regenerate them with: /usr/bin/python3 tests/fixtures/scripts/make_tokenizers.py");
                }

                return fixtures;
            }
        }

        throw new InvalidOperationException($"No folder containing Agents.sln above '{AppContext.BaseDirectory}'; run the tests from the repository checkout.");
    }

    private static List<ReferenceCase> ReadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root.Value, "reference_ids.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("text").GetString()!,
            Ids(c, "sp_ids"),
            c.GetProperty("sp_decoded").GetString()!,
            c.GetProperty("sp_decoded_skip_special").GetString()!,
            Ids(c, "bpe_ids"),
            c.GetProperty("bpe_decoded").GetString()!,
            c.GetProperty("bpe_decoded_skip_special").GetString()!,
            [.. c.GetProperty("bpe_pretokens").EnumerateArray().Select(e => e.GetString()!)])).ToList();

        static int[] Ids(JsonElement c, string name) => [.. c.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];
    }
}

/// <summary>One reference string with the ids and decoded texts computed by Python.</summary>
internal sealed record ReferenceCase(
    string Name,
    string Text,
    int[] SentencePieceIds,
    string SentencePieceDecoded,
    string SentencePieceDecodedSkipSpecial,
    int[] ByteLevelIds,
    string ByteLevelDecoded,
    string ByteLevelDecodedSkipSpecial,
    string[] ByteLevelPreTokens)
{
    public int[] Ids(string kind) => kind == "sp" ? SentencePieceIds : ByteLevelIds;

    public string Decoded(string kind, bool skipSpecialTokens) => (kind, skipSpecialTokens) switch
    {
        ("sp", false) => SentencePieceDecoded,
        ("sp", true) => SentencePieceDecodedSkipSpecial,
        (_, false) => ByteLevelDecoded,
        _ => ByteLevelDecodedSkipSpecial,
    };
}
