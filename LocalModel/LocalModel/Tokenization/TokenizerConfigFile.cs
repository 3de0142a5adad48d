using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace LocalModel.Tokenization;

/// <summary>What the loader uses from HuggingFace <c>tokenizer_config.json</c> and <c>generation_config.json</c>.</summary>
internal sealed class TokenizerConfigFile
{
    /// <summary>The file name of the tokenizer configuration.</summary>
    public const string FileName = "tokenizer_config.json";

    /// <summary>The file name of the generation configuration.</summary>
    public const string GenerationFileName = "generation_config.json";

    private const string Expected = "a HuggingFace tokenizer_config.json object";

    /// <summary>Gets the path of the file read.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the tokens of <c>added_tokens_decoder</c>.</summary>
    public required IReadOnlyList<AddedToken> AddedTokens { get; init; }

    /// <summary>Gets <c>bos_token</c>, or null.</summary>
    public string? BosToken { get; init; }

    /// <summary>Gets <c>eos_token</c>, or null.</summary>
    public string? EosToken { get; init; }

    /// <summary>Gets <c>legacy</c>, or null when absent.</summary>
    public bool? Legacy { get; init; }

    /// <summary>Reads <c>tokenizer_config.json</c>.</summary>
    public static TokenizerConfigFile Read(string path)
    {
        using var document = JsonFile.ReadObject(path, Expected);
        var root = document.RootElement;
        var added = new List<AddedToken>();
        if (JsonFile.TryGet(root, "added_tokens_decoder", out var decoder))
        {
            JsonFile.Expect(decoder, JsonValueKind.Object, path, "added_tokens_decoder");
            foreach (var entry in decoder.EnumerateObject())
            {
                var field = "added_tokens_decoder." + entry.Name;
                if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    throw new InvalidDataException($"'{path}': key '{field}' is not a token id; expected an integer >= 0.");
                }

                JsonFile.Expect(entry.Value, JsonValueKind.Object, path, field);
                added.Add(ReadAddedToken(entry.Value, id, path, field));
            }
        }

        bool? legacy = JsonFile.TryGet(root, "legacy", out var legacyValue)
            ? JsonFile.Expect(legacyValue, JsonValueKind.True, path, "legacy").GetBoolean()
            : null;
        return new TokenizerConfigFile
        {
            Path = path,
            AddedTokens = added,
            BosToken = JsonFile.TokenText(root, "bos_token", path),
            EosToken = JsonFile.TokenText(root, "eos_token", path),
            Legacy = legacy,
        };
    }

    /// <summary>Reads an HF AddedToken object (content, special, lstrip, rstrip).</summary>
    public static AddedToken ReadAddedToken(JsonElement value, int id, string path, string field)
    {
        var content = JsonFile.Require(value, "content", JsonValueKind.String, path, field + ".content").GetString();
        if (string.IsNullOrEmpty(content))
        {
            throw new InvalidDataException($"'{path}': '{field}.content' is empty; expected the token text.");
        }

        return new AddedToken(
            content,
            id,
            JsonFile.OptionalBool(value, "special", false, path, field + ".special"),
            JsonFile.OptionalBool(value, "lstrip", false, path, field + ".lstrip"),
            JsonFile.OptionalBool(value, "rstrip", false, path, field + ".rstrip"));
    }

    /// <summary>Reads <c>eos_token_id</c> (an id or a list of ids) of <c>generation_config.json</c>.</summary>
    public static IReadOnlyList<int> ReadGenerationEosIds(string path)
    {
        using var document = JsonFile.ReadObject(path, "a HuggingFace generation_config.json object");
        var ids = new List<int>();
        if (!JsonFile.TryGet(document.RootElement, "eos_token_id", out var value))
        {
            return ids;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                ids.Add(JsonFile.TokenId(item, path, $"eos_token_id[{index++}]"));
            }
        }
        else
        {
            ids.Add(JsonFile.TokenId(value, path, "eos_token_id"));
        }

        return ids;
    }
}
