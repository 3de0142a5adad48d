using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>Checks that a graph has the input or output its manifest names.</summary>
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
}
