using Agents.Cli.Commands;
using Agents.Cli.Output;
using LocalModel.Builder;
using LocalModel.Packaging;
using LocalModel.Pruning;

namespace Agents.Cli.Inputs;

/// <summary>
/// Turns a model path given on the command line into a package folder: a package is used as it is; a llava-hf
/// checkpoint folder is built once into the package cache (<see cref="PackageCache"/>), with a progress bar.
/// </summary>
internal static class ModelResolver
{
    /// <summary>The command that rebuilds a package with staged decoder graphs.</summary>
    public const string RebuildWithStagesHint = "rebuild it with `agents model build --from <checkpoint> --stages auto`";

    /// <summary>Returns the package folder for <paramref name="path"/>.</summary>
    /// <param name="option">How the path was given (for messages), e.g. <c>--model</c>.</param>
    /// <param name="path">The path the user gave.</param>
    /// <param name="console">The tool's consoles.</param>
    /// <param name="quiet">True to show no progress (machine-readable runs).</param>
    public static string Resolve(string option, string path, CliConsole console, bool quiet)
    {
        if (InputPaths.RequireModel(option, path) == InputPaths.ModelKind.Package)
        {
            return path;
        }

        console.Note($"'{path}' is a checkpoint; building (or reusing) its package in {PackageCache.DefaultRoot}");
        var (package, built) = BuildProgressDisplay.Run(console, "building package", quiet, keepBar: false, progress => PackageCache.Resolve(path, progress));
        console.Note(built ? $"built package {package}" : $"using cached package {package}");
        return package;
    }

    /// <summary>Fails with a rebuild hint when <paramref name="method"/> prunes inside the language model and the package has no stages.</summary>
    /// <param name="option">The option that named the method, e.g. <c>--pruning</c>.</param>
    /// <param name="method">The pruning method.</param>
    /// <param name="package">The package folder (for the message).</param>
    /// <param name="manifest">The package's manifest.</param>
    public static void RequireStagesFor(string option, string method, string package, ModelManifest manifest)
    {
        if (VisualTokenSelectors.IsInLlmMethod(method) && manifest.Text.StageBoundaries.Count == 0)
        {
            throw new UsageException($"{option} '{method}' prunes inside the language model, but the package '{package}' has no staged decoder graphs; {RebuildWithStagesHint}.");
        }
    }
}
