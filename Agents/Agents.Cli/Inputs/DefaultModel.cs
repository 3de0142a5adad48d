using System;
using System.IO;

namespace Agents.Cli.Inputs;

/// <summary>
/// The embedded default model, <c>agents-mini</c>: the package under <c>LocalModel/Models/agents-mini</c>, copied
/// next to the tool at build time (<c>models/agents-mini</c>), so commands that take <c>--model</c> run without one.
/// </summary>
internal static class DefaultModel
{
    /// <summary>The default model's id.</summary>
    public const string Id = "agents-mini";

    /// <summary>Gets the package folder next to the tool.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "models", Id);

    /// <summary>Returns <paramref name="given"/>, or the embedded package when null; fails when that is missing.</summary>
    /// <param name="given">The <c>--model</c> value, or null.</param>
    public static string Or(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        return Directory.Exists(Path)
            ? Path
            : throw new Commands.UsageException($"The embedded default model is missing from '{Path}' (the build copies it from LocalModel/Models/{Id}); pass --model <package-or-checkpoint>.");
    }
}
