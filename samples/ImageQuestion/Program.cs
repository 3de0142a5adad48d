using System;
using LocalModel.Builder;
using LocalModel.Chat;
using LocalModel.Generation;

// Ask a local vision-language model a question about an image and stream the answer.
// usage: dotnet run --project samples/ImageQuestion -- <package-or-checkpoint-dir> <image> [question]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ImageQuestion <package-or-checkpoint-dir> <image> [question]");
    return 2;
}

// A package folder is used as it is; a HuggingFace llava-hf checkpoint is built into a package once (cached).
var model = PackageCache.Resolve(args[0]);
using var engine = VlmEngine.Load(model);
var manifest = engine.Package.Manifest;
var request = new GenerationRequest
{
    Prompt = PromptTemplates.FormatUserTurn(manifest.ChatTemplate, args.Length > 2 ? args[2] : "What is in this image?", 1, manifest.SpecialTokens.ImageText),
    MaxTokens = 64,
};
request.Images.Add(ImageInput.FromFile(args[1]));

await foreach (var update in engine.GenerateStreamingAsync(request))
{
    Console.Write(update.Text);
    if (update.Usage is { } usage)
    {
        Console.WriteLine();
        Console.Error.WriteLine($"[{update.FinishReason}; {usage.PromptTokens} prompt tokens, {usage.CompletionTokens} generated; TTFT {update.Timings!.TimeToFirstTokenMs:F1} ms; {engine.ExecutionProvider}]");
    }
}

return 0;
