using System.IO;
using System.Text.Json;

namespace LocalModel.Packaging;

/// <summary>Reads and writes <see cref="ModelManifest"/> JSON.</summary>
public static class ModelManifestSerializer
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Writes <paramref name="manifest"/> to <paramref name="path"/>.</summary>
    public static void Save(ModelManifest manifest, string path) => File.WriteAllText(path, JsonSerializer.Serialize(manifest, Options));

    /// <summary>Parses a manifest; syntax errors name the file, line and position.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid manifest document.</exception>
    public static ModelManifest Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllBytes(path), Options)
                ?? throw new InvalidDataException($"'{path}' is empty (expected a JSON object).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a valid model manifest: {ex.Message}", ex);
        }
    }
}
