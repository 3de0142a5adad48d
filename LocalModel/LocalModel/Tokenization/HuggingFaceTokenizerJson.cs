using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalModel.Tokenization;

/// <summary>
/// A HuggingFace <c>tokenizer.json</c> read for byte-level BPE: vocabulary, merges, pre-tokenizer pattern, normalizer
/// and added tokens. Anything else is described by <see cref="UnsupportedReason"/> instead of being guessed.
/// </summary>
internal sealed class HuggingFaceTokenizerJson
{
    /// <summary>The file name.</summary>
    public const string FileName = "tokenizer.json";

    /// <summary>GPT-2's split pattern, used by <c>ByteLevel</c> with <c>use_regex: true</c>.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private const string Expected = "a HuggingFace tokenizer.json object";

    /// <summary>Gets the path of the file read.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the tokens of <c>added_tokens</c>.</summary>
    public required IReadOnlyList<AddedToken> AddedTokens { get; init; }

    /// <summary>Gets why this file cannot be used as a byte-level BPE tokenizer, or null when it can.</summary>
    public string? UnsupportedReason { get; init; }

    /// <summary>Gets whether the model is SentencePiece-style BPE (<c>▁</c> and byte fallback), which the loader reads from <c>tokenizer.model</c>.</summary>
    public bool IsSentencePieceStyle { get; init; }

    /// <summary>Gets <c>model.vocab</c>.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets <c>model.merges</c> as "left right" strings.</summary>
    public IReadOnlyList<string> Merges { get; init; } = [];

    /// <summary>Gets the pre-tokenizer split pattern.</summary>
    public string Pattern { get; init; } = Gpt2Pattern;

    /// <summary>Gets whether the normalizer is NFC.</summary>
    public bool NormalizeNfc { get; init; }

    /// <summary>Gets <c>model.unk_token</c>.</summary>
    public string? UnknownToken { get; init; }

    /// <summary>Reads the file; malformed content throws, unsupported content sets <see cref="UnsupportedReason"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON or lacks required fields.</exception>
    public static HuggingFaceTokenizerJson Read(string path)
    {
        using var document = JsonFile.ReadObject(path, Expected);
        var root = document.RootElement;
        var added = ReadAddedTokens(root, path);
        var model = JsonFile.Require(root, "model", JsonValueKind.Object, path, "model");

        var type = JsonFile.OptionalString(model, "type", path, "model.type")
            ?? (JsonFile.TryGet(model, "merges", out _) ? "BPE" : null);
        if (type != "BPE")
        {
            return Unsupported(path, added, $"'{path}': model.type is '{type ?? "(absent)"}'; expected 'BPE' (byte-level BPE). SentencePiece Unigram, WordPiece and WordLevel models are not supported.");
        }

        var sentencePieceHint = $"'{path}' is a SentencePiece-style BPE ({{0}}); VlmTokenizer reads such models from the SentencePiece 'tokenizer.model' file: put it in the same folder (VlmTokenizer.Load prefers it) or call VlmTokenizer.FromSentencePieceModel.";
        if (JsonFile.OptionalBool(model, "byte_fallback", false, path, "model.byte_fallback"))
        {
            return Unsupported(path, added, string.Format(CultureInfo.InvariantCulture, sentencePieceHint, "model.byte_fallback is true"), sentencePieceStyle: true);
        }

        if (ContainsType(root, "pre_tokenizer", "Metaspace") || ContainsType(root, "decoder", "Metaspace"))
        {
            return Unsupported(path, added, string.Format(CultureInfo.InvariantCulture, sentencePieceHint, "Metaspace pre-tokenizer or decoder"), sentencePieceStyle: true);
        }

        string? pattern = null;
        var nfc = false;
        var reason = CheckModelFlags(model, path)
            ?? ReadPattern(root, path, out pattern)
            ?? CheckDecoder(root, path)
            ?? ReadNormalizer(root, path, out nfc);
        if (reason is not null)
        {
            return Unsupported(path, added, reason);
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in JsonFile.Require(model, "vocab", JsonValueKind.Object, path, "model.vocab").EnumerateObject())
        {
            vocabulary[entry.Name] = JsonFile.TokenId(entry.Value, path, "model.vocab." + entry.Name);
        }

        var merges = new List<string>();
        var index = 0;
        foreach (var merge in JsonFile.Require(model, "merges", JsonValueKind.Array, path, "model.merges").EnumerateArray())
        {
            merges.Add(ReadMerge(merge, path, $"model.merges[{index++}]"));
        }

        return new HuggingFaceTokenizerJson
        {
            Path = path,
            AddedTokens = added,
            Vocabulary = vocabulary,
            Merges = merges,
            Pattern = pattern!,
            NormalizeNfc = nfc,
            UnknownToken = JsonFile.OptionalString(model, "unk_token", path, "model.unk_token"),
        };
    }

    private static HuggingFaceTokenizerJson Unsupported(string path, IReadOnlyList<AddedToken> added, string reason, bool sentencePieceStyle = false) =>
        new() { Path = path, AddedTokens = added, UnsupportedReason = reason, IsSentencePieceStyle = sentencePieceStyle };

    private static List<AddedToken> ReadAddedTokens(JsonElement root, string path)
    {
        var added = new List<AddedToken>();
        if (!JsonFile.TryGet(root, "added_tokens", out var tokens))
        {
            return added;
        }

        JsonFile.Expect(tokens, JsonValueKind.Array, path, "added_tokens");
        var index = 0;
        foreach (var token in tokens.EnumerateArray())
        {
            var field = $"added_tokens[{index++}]";
            JsonFile.Expect(token, JsonValueKind.Object, path, field);
            var id = JsonFile.TokenId(JsonFile.Require(token, "id", JsonValueKind.Number, path, field + ".id"), path, field + ".id");
            added.Add(TokenizerConfigFile.ReadAddedToken(token, id, path, field));
        }

        return added;
    }

    private static string? CheckModelFlags(JsonElement model, string path)
    {
        if (JsonFile.OptionalBool(model, "ignore_merges", false, path, "model.ignore_merges"))
        {
            return $"'{path}': model.ignore_merges is true (whole words found in the vocabulary skip merging); expected false.";
        }

        if (JsonFile.TryGet(model, "dropout", out var dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
        {
            return $"'{path}': model.dropout is {dropout.GetRawText()}; expected null or 0 (BPE dropout is for training).";
        }

        foreach (var name in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (!string.IsNullOrEmpty(JsonFile.OptionalString(model, name, path, "model." + name)))
            {
                return $"'{path}': model.{name} is set; expected empty for byte-level BPE.";
            }
        }

        return null;
    }

    // Accepts ByteLevel(use_regex) alone, or Sequence[Split(pattern, Isolated), ByteLevel(use_regex: false)] (Qwen2, Llama 3).
    private static string? ReadPattern(JsonElement root, string path, out string? pattern)
    {
        pattern = null;
        const string ExpectedShape = "expected ByteLevel, or Sequence[Split(Regex, behavior Isolated), ByteLevel(use_regex false)]";
        if (!JsonFile.TryGet(root, "pre_tokenizer", out var pre))
        {
            return $"'{path}': pre_tokenizer is null; byte-level BPE without a pre-tokenizer loses spaces; {ExpectedShape}.";
        }

        var type = JsonFile.OptionalString(pre, "type", path, "pre_tokenizer.type");
        if (type == "ByteLevel")
        {
            if (JsonFile.OptionalBool(pre, "add_prefix_space", false, path, "pre_tokenizer.add_prefix_space"))
            {
                return $"'{path}': pre_tokenizer.add_prefix_space is true; expected false.";
            }

            pattern = JsonFile.OptionalBool(pre, "use_regex", true, path, "pre_tokenizer.use_regex") ? Gpt2Pattern : null;
            return pattern is null ? $"'{path}': pre_tokenizer is ByteLevel with use_regex false and no Split; {ExpectedShape}." : null;
        }

        if (type != "Sequence")
        {
            return $"'{path}': pre_tokenizer.type is '{type}'; {ExpectedShape}.";
        }

        var steps = JsonFile.Require(pre, "pretokenizers", JsonValueKind.Array, path, "pre_tokenizer.pretokenizers").EnumerateArray().ToArray();
        if (steps.Length != 2
            || JsonFile.OptionalString(steps[0], "type", path, "pre_tokenizer.pretokenizers[0].type") != "Split"
            || JsonFile.OptionalString(steps[1], "type", path, "pre_tokenizer.pretokenizers[1].type") != "ByteLevel")
        {
            var types = string.Join(", ", steps.Select(s => JsonFile.TryGet(s, "type", out var t) ? t.ToString() : "?"));
            return $"'{path}': pre_tokenizer is Sequence[{types}]; {ExpectedShape}.";
        }

        var split = steps[0];
        var behavior = JsonFile.OptionalString(split, "behavior", path, "pre_tokenizer.pretokenizers[0].behavior");
        if (behavior != "Isolated" || JsonFile.OptionalBool(split, "invert", false, path, "pre_tokenizer.pretokenizers[0].invert"))
        {
            return $"'{path}': pre_tokenizer.pretokenizers[0] is Split with behavior '{behavior}'; expected 'Isolated' and invert false.";
        }

        var patternObject = JsonFile.Require(split, "pattern", JsonValueKind.Object, path, "pre_tokenizer.pretokenizers[0].pattern");
        var regex = JsonFile.OptionalString(patternObject, "Regex", path, "pre_tokenizer.pretokenizers[0].pattern.Regex");
        var literal = JsonFile.OptionalString(patternObject, "String", path, "pre_tokenizer.pretokenizers[0].pattern.String");
        pattern = regex ?? (literal is null ? null : Regex.Escape(literal));
        if (pattern is null)
        {
            throw new InvalidDataException($"'{path}': pre_tokenizer.pretokenizers[0].pattern has neither 'Regex' nor 'String'; expected one of them.");
        }

        var byteLevel = steps[1];
        if (JsonFile.OptionalBool(byteLevel, "use_regex", true, path, "pre_tokenizer.pretokenizers[1].use_regex")
            || JsonFile.OptionalBool(byteLevel, "add_prefix_space", false, path, "pre_tokenizer.pretokenizers[1].add_prefix_space"))
        {
            return $"'{path}': pre_tokenizer.pretokenizers[1] is ByteLevel with use_regex or add_prefix_space true; expected both false after a Split.";
        }

        return null;
    }

    private static string? CheckDecoder(JsonElement root, string path)
    {
        var type = JsonFile.TryGet(root, "decoder", out var decoder) ? JsonFile.OptionalString(decoder, "type", path, "decoder.type") : null;
        return type == "ByteLevel" ? null : $"'{path}': decoder.type is '{type ?? "(absent)"}'; expected 'ByteLevel'.";
    }

    private static string? ReadNormalizer(JsonElement root, string path, out bool nfc)
    {
        nfc = false;
        if (!JsonFile.TryGet(root, "normalizer", out var normalizer))
        {
            return null;
        }

        var type = JsonFile.OptionalString(normalizer, "type", path, "normalizer.type");
        if (type == "NFC")
        {
            nfc = true;
            return null;
        }

        if (type == "Sequence" && JsonFile.TryGet(normalizer, "normalizers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var types = list.EnumerateArray().Select(n => JsonFile.TryGet(n, "type", out var t) ? t.ToString() : "?").ToArray();
            if (types.All(t => t == "NFC"))
            {
                nfc = types.Length > 0;
                return null;
            }

            return $"'{path}': normalizer is Sequence[{string.Join(", ", types)}]; expected null or NFC.";
        }

        return $"'{path}': normalizer.type is '{type}'; expected null or 'NFC'.";
    }

    private static string ReadMerge(JsonElement merge, string path, string field)
    {
        if (merge.ValueKind == JsonValueKind.String)
        {
            var text = merge.GetString()!;
            if (text.Split(' ').Length != 2)
            {
                throw new InvalidDataException($"'{path}': '{field}' is \"{text}\"; expected two tokens separated by one space.");
            }

            return text;
        }

        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
            && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
        {
            var left = merge[0].GetString()!;
            var right = merge[1].GetString()!;
            if (left.Contains(' ', StringComparison.Ordinal) || right.Contains(' ', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"'{path}': '{field}' has a token containing a space; byte-level BPE tokens never do.");
            }

            return left + " " + right;
        }

        throw new InvalidDataException($"'{path}': '{field}' is {merge.GetRawText()}; expected \"left right\" or [\"left\", \"right\"].");
    }

    // Whether the element or any nested object has "type": type (for Sequence pre-tokenizers and decoders).
    private static bool ContainsType(JsonElement root, string name, string type) =>
        JsonFile.TryGet(root, name, out var element) && HasType(element, type);

    private static bool HasType(JsonElement element, string type) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p =>
            (p.Name == "type" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == type) || HasType(p.Value, type)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => HasType(e, type)),
        _ => false,
    };
}
