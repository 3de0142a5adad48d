using System;
using System.IO;
using System.Linq;
using System.Text;
using Agents.Cli.Commands;
using LocalModel.Builder;
using LocalModel.Packaging;

namespace Agents.Cli.Inputs;

/// <summary>Checks the paths a user gives before anything is loaded, with messages that say what the path is and what was expected.</summary>
internal static class InputPaths
{
    /// <summary>The value of <c>--prompt-file</c> that means standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>What a <c>--model</c>-style path turned out to be.</summary>
    public enum ModelKind
    {
        /// <summary>A model package (manifest or transformers.js layout).</summary>
        Package,

        /// <summary>A checkpoint folder (llava-hf or Qwen2.5-VL), to be built into the package cache.</summary>
        Checkpoint,
    }

    /// <summary>Fails unless <paramref name="path"/> is an existing file (not a folder).</summary>
    /// <param name="option">How the path was given, e.g. <c>--image</c>.</param>
    /// <param name="path">The path.</param>
    /// <param name="what">What the file should be, e.g. "an image file".</param>
    public static void RequireFile(string option, string path, string what) => Require(option, path, folder: false, what);

    /// <summary>Says whether <paramref name="path"/> is a package or a checkpoint folder; fails for anything else.</summary>
    public static ModelKind RequireModel(string option, string path)
    {
        RequireFolder(option, path, $"the package folder (with {ModelManifest.FileName}) or a checkpoint folder (llava-hf or Qwen2.5-VL)");
        if (PackageCache.IsCheckpoint(path))
        {
            return ModelKind.Checkpoint;
        }

        if (File.Exists(Path.Combine(path, "config.json")) && !File.Exists(Path.Combine(path, ModelManifest.FileName)) && !Directory.Exists(Path.Combine(path, "onnx")))
        {
            throw new UsageException($"{option} '{path}' has a config.json but no model.safetensors (or model.safetensors.index.json): not a complete checkpoint, and no {ModelManifest.FileName}: not a package.");
        }

        if (!File.Exists(Path.Combine(path, ModelManifest.FileName)) && !Directory.Exists(Path.Combine(path, "onnx")))
        {
            throw new UsageException($"{option} '{path}' is a folder but neither a model package (no {ModelManifest.FileName}, no onnx/) nor a checkpoint (no config.json); build a package with `agents model build --from <checkpoint> --out <folder>`.");
        }

        return ModelKind.Package;
    }

    /// <summary>Fails unless <paramref name="path"/> is a checkpoint folder (llava-hf or Qwen2.5-VL).</summary>
    public static void RequireCheckpoint(string option, string path)
    {
        RequireFolder(option, path, "a checkpoint folder (llava-hf or Qwen2.5-VL)");
        if (!PackageCache.IsCheckpoint(path))
        {
            throw new UsageException($"{option} '{path}' is not a checkpoint folder (llava-hf or Qwen2.5-VL: config.json with model.safetensors or model.safetensors.index.json{(File.Exists(Path.Combine(path, ModelManifest.FileName)) ? "; it is a model package already" : string.Empty)}).");
        }
    }

    /// <summary>Fails when <paramref name="path"/> is a file or a non-empty folder and <paramref name="overwrite"/> is false.</summary>
    public static void RequireWritableFolder(string option, string path, bool overwrite)
    {
        if (File.Exists(path))
        {
            throw new UsageException($"{option} '{path}' is a file; give a folder to write into.");
        }

        if (!overwrite && Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new UsageException($"{option} '{path}' exists and is not empty; choose another folder or pass --overwrite to replace it.");
        }
    }

    /// <summary>Fails unless <paramref name="path"/> is an existing folder, saying what to give instead.</summary>
    private static void RequireFolder(string option, string path, string what) => Require(option, path, folder: true, what);

    /// <summary>Fails unless <paramref name="path"/> exists and is a folder (or a file), saying what it is instead.</summary>
    private static void Require(string option, string path, bool folder, string what)
    {
        if (folder ? File.Exists(path) : Directory.Exists(path))
        {
            throw new UsageException(folder ? $"{option} '{path}' is a file; give {what}." : $"{option} '{path}' is a folder, not {what}.");
        }

        if (!(folder ? Directory.Exists(path) : File.Exists(path)))
        {
            throw new UsageException($"{option} '{path}' does not exist{(folder ? $"; give {what}" : string.Empty)}.");
        }
    }

    /// <summary>Reads a prompt file as UTF-8 text; <c>-</c> reads standard input to its end.</summary>
    public static string ReadPrompt(string option, string path)
    {
        if (path == StandardInput)
        {
            using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            return stdin.ReadToEnd();
        }

        RequireFile(option, path, "a text file");
        return File.ReadAllText(path, Encoding.UTF8);
    }
}
