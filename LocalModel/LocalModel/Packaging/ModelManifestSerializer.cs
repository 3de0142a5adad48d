using System.IO;
using System.Linq;
using System.Text.Json;

namespace LocalModel.Packaging;

/// <summary>Reads and writes <see cref="ModelManifest"/> JSON.</summary>
public static class ModelManifestSerializer
{
    // RespectNullableAnnotations: an explicit null for a non-nullable section or field ("text": null) is a JsonException
    // naming its path, not a NullReferenceException later.
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, RespectNullableAnnotations = true };

    /// <summary>Writes <paramref name="manifest"/> to <paramref name="path"/>.</summary>
    public static void Save(ModelManifest manifest, string path) => File.WriteAllText(path, JsonSerializer.Serialize(manifest, Options));

    /// <summary>Parses a manifest; syntax errors and nulls name the file, line and position or field.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid manifest document.</exception>
    public static ModelManifest Load(string path)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllBytes(path), Options)
                ?? throw new InvalidDataException($"'{path}' is empty (expected a JSON object).");

            // Collection elements carry no nullability annotations: check the graph entries and their names here.
            foreach (var (role, graph) in manifest.Graphs)
            {
                if (graph is null)
                {
                    throw new InvalidDataException($"'{path}': graphs.{role} is null (expected an object with file, inputs and outputs).");
                }

                var name = graph.Inputs.Concat(graph.Outputs).FirstOrDefault(p => p.Value is null).Key;
                if (name is not null)
                {
                    throw new InvalidDataException($"'{path}': graphs.{role} maps '{name}' to null (expected a graph input or output name).");
                }
            }

            return manifest;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a valid model manifest: {ex.Message}", ex);
        }
    }
}
