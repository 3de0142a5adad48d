using System.Globalization;
using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>Checks a loaded graph against its manifest: the inputs and outputs it names, the layers it runs.</summary>
internal static class SessionNames
{
    /// <exception cref="ModelPackageException">The graph lacks <paramref name="name"/>.</exception>
    public static string Require(ModelPackage package, string role, InferenceSession session, string name, bool input)
    {
        var meta = input ? session.InputMetadata : session.OutputMetadata;
        return meta.ContainsKey(name)
            ? name
            : throw new ModelPackageException($"The {role} graph '{package.GraphPath(role)}' has no {(input ? "input" : "output")} '{name}' named in the manifest; it has: {string.Join(", ", meta.Keys)}.");
    }

    /// <summary>Throws when the graph's <see cref="GraphMetadata.NumLayers"/> disagrees with the manifest's <paramref name="field"/>.</summary>
    /// <exception cref="ModelPackageException">The counts differ.</exception>
    public static void RequireLayerCount(ModelPackage package, string role, InferenceSession session, int manifestLayers, string field)
    {
        if (session.ModelMetadata.CustomMetadataMap.TryGetValue(GraphMetadata.NumLayers, out var value)
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var layers)
            && layers != manifestLayers)
        {
            throw new ModelPackageException(string.Create(CultureInfo.InvariantCulture, $"The manifest says {field} = {manifestLayers}, but the {role} graph '{package.GraphPath(role)}' runs {layers} layers."));
        }
    }
}
