using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LocalModel.Builder;

/// <summary>Reads the <c>added_tokens</c> list of a HuggingFace <c>tokenizer.json</c> (special and added tokens by id).</summary>
internal static class TokenizerAddedTokens
{
    /// <summary>Returns each added token's content by id; empty when the file lists none.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON.</exception>
    public static Dictionary<int, string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Tokenizer '{path}' does not exist.", path);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var added = new Dictionary<int, string>();
            if (doc.RootElement.TryGetProperty("added_tokens", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var token in list.EnumerateArray())
                {
                    if (token.TryGetProperty("id", out var id) && id.TryGetInt32(out var value) && token.TryGetProperty("content", out var content))
                    {
                        added[value] = content.GetString() ?? string.Empty;
                    }
                }
            }

            return added;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
