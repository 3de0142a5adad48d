using System.CommandLine;
using Agents.Cli.Inputs;
using LocalModel.Generation;

namespace Agents.Cli.Commands;

/// <summary>The options every benchmark shares: <c>--model</c> (package or checkpoint), <c>--threads</c>, <c>--json</c> and, where images are used, <c>--image</c>.</summary>
internal sealed class BenchModelOptions
{
    public BenchModelOptions(int defaultThreads, int minThreads, bool withImage)
    {
        Threads = CliOptions.Int("--threads", minThreads == 0 ? "ONNX Runtime intra-op threads; 0 lets it choose." : "ONNX Runtime intra-op threads.", minThreads, defaultThreads);
        Image = withImage ? CliOptions.Text("--image", "The image to use. Default: a synthetic gradient at the model's image size (for dynamic-resolution models such as Qwen2.5-VL, the largest square the resize keeps whole at max_pixels).", "file") : null;
    }

    /// <summary>Gets <c>--model</c>.</summary>
    public Option<string> Model { get; } = CliOptions.Text("--model", "The package folder, or a checkpoint folder (llava-hf or Qwen2.5-VL) (built once into the package cache).", "package-or-checkpoint", required: true);

    /// <summary>Gets <c>--threads</c>.</summary>
    public Option<int> Threads { get; }

    /// <summary>Gets <c>--json</c>.</summary>
    public Option<string> Json { get; } = CliOptions.Text("--json", "Also write the results to this file as JSON.", "file");

    /// <summary>Gets <c>--image</c>, or null for benchmarks without images.</summary>
    public Option<string>? Image { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Threads);
        command.Add(Json);
        if (Image is not null)
        {
            command.Add(Image);
        }
    }

    /// <summary>Returns the package folder, building a checkpoint into the cache first.</summary>
    public string ResolveModel(ParseResult parse, CliServices services) => ModelResolver.Resolve("--model", parse.GetValue(Model)!, services.Console, quiet: false);

    /// <summary>Returns <c>--image</c> loaded, or null when it was not given (the benchmark then uses a synthetic image).</summary>
    public ImageInput? LoadImage(ParseResult parse)
    {
        if (Image is not null && parse.GetValue(Image) is { } path)
        {
            InputPaths.RequireFile("--image", path, "an image file");
            return ImageInput.FromFile(path);
        }

        return null;
    }
}
