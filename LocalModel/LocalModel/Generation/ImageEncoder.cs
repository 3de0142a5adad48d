using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using LocalModel.Imaging;
using LocalModel.Packaging;
using LocalModel.Pruning;
using LocalModel.Selection;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>
/// Turns one image into decoder input rows: decode and preprocess, run the vision encoder (features and any [CLS]
/// attention rows), let the visual-token selector keep or merge rows within the budget, and run the projector on
/// what is kept. Thread-safe: sessions are shared, every buffer is per call.
/// </summary>
internal sealed class ImageEncoder
{
    private readonly InferenceSession _vision;
    private readonly InferenceSession? _projector;
    private readonly ImageLoader _loader;
    private readonly ClipImagePreprocessor? _preprocessor;
    private readonly VisionManifest _manifest;
    private readonly string _pixelInput;
    private readonly string[] _outputNames;
    private readonly int[] _clsLayers;
    private readonly Qwen2VlImagePreprocessor? _dynamic;
    private readonly string[]? _dynamicInputs;
    private readonly int _receivedOutput = -1;
    private readonly string? _projectorInput;
    private readonly string? _projectorOutput;

    public ImageEncoder(ModelPackage package, InferenceSession vision, InferenceSession? projector, long maxImagePixels)
    {
        _vision = vision;
        _projector = projector;
        _manifest = package.Manifest.Vision;
        var graph = package.Graph(ModelPackage.VisionEncoderRole);
        SessionNames.RequireLayerCount(package, ModelPackage.VisionEncoderRole, vision, _manifest.NumLayers, "vision.num_layers");
        _pixelInput = SessionNames.Require(package, ModelPackage.VisionEncoderRole, vision, graph.Inputs["pixel_values"], input: true);
        _clsLayers = _manifest.ClsAttentionLayers.ToArray();
        var outputs = new[] { graph.Outputs["features"] }
            .Concat(_clsLayers.Select(l => graph.Outputs[string.Create(CultureInfo.InvariantCulture, $"cls_attention.{l}")]))
            .ToList();
        if (graph.Outputs.TryGetValue("received_attention", out var received))
        {
            _receivedOutput = outputs.Count;
            outputs.Add(received);
        }

        _outputNames = outputs.Select(n => SessionNames.Require(package, ModelPackage.VisionEncoderRole, vision, n, input: false)).ToArray();
        if (package.Manifest.Preprocessing.IsDynamicResolution)
        {
            // Dynamic resolution (Qwen2.5-VL): flattened patches plus the grid layout the runtime computes.
            _dynamic = new Qwen2VlImagePreprocessor(package.Manifest.Preprocessing, _manifest.PatchSize, _manifest.MergeSize, _manifest.TemporalPatchSize);
            _dynamicInputs = ModelPackage.DynamicVisionInputRoles
                .Select(role => SessionNames.Require(package, ModelPackage.VisionEncoderRole, vision, graph.Inputs[role], input: true))
                .ToArray();
        }

        if (projector is not null)
        {
            var p = package.Graph(ModelPackage.ProjectorRole);
            _projectorInput = p.Inputs["features"];
            _projectorOutput = p.Outputs["image_features"];
        }

        _loader = new ImageLoader(new ImageLoaderOptions { MaxPixels = maxImagePixels });
        _preprocessor = _dynamic is null ? new ClipImagePreprocessor(ImagePipeline.ToOptions(package.Manifest.Preprocessing)) : null;
    }

    /// <summary>Encodes image <paramref name="index"/> of a request with its selector and budget.</summary>
    /// <exception cref="ImageDecodeException">The image cannot be decoded or is too large.</exception>
    /// <exception cref="InvalidOperationException">The selector returned an invalid selection.</exception>
    public EncodedImage Encode(ImageInput input, int index, IVisualTokenSelector? selector, VisualTokenBudget? budget, GenerationStatistics stats, CancellationToken cancellationToken)
    {
        var image = _loader.Load(input.Data, input.Name, cancellationToken);
        var watch = Stopwatch.StartNew();
        var vision = _dynamic is null ? RunFixedResolution(image, watch) : RunDynamicResolution(image, watch);
        stats.AddOnnxRuntime(watch.Elapsed.TotalMilliseconds);
        var (features, tokens, width, cls, receivedAttention, gridHeight, gridWidth) = vision;
        selector ??= KeepAllVisualTokenSelector.Instance;
        watch.Restart();
        var keep = selector.Select(new VisualTokenSelectionContext
        {
            Features = features,
            TokenCount = tokens,
            FeatureWidth = width,
            ClsAttention = cls,
            ReceivedAttention = receivedAttention,
            GridHeight = gridHeight,
            GridWidth = gridWidth,
            Budget = budget?.Resolve(tokens) ?? tokens,
            ImageIndex = index,
        });
        stats.AddSelection(watch.Elapsed.TotalMilliseconds);
        Validate(selector, keep, tokens);
        var selected = keep.Features ?? Gather(features, keep.SourceIndices, width);
        if (selected.Length != keep.Count * width)
        {
            throw new InvalidOperationException($"Visual-token selector '{selector.Name}' returned rows of the wrong width (expected {width}).");
        }

        if (_projector is null)
        {
            return new EncodedImage(selected, keep.Count, tokens, keep.SourceIndices, gridHeight, gridWidth);
        }

        watch.Restart();
        using var runOptions = new RunOptions();
        using var featureValue = OrtValue.CreateTensorValueFromMemory(selected, new long[] { 1, keep.Count, width });
        using var projected = _projector.Run(runOptions, new[] { _projectorInput! }, new[] { featureValue }, new[] { _projectorOutput! });
        stats.AddOnnxRuntime(watch.Elapsed.TotalMilliseconds);
        return new EncodedImage(projected[0].GetTensorDataAsSpan<float>().ToArray(), keep.Count, tokens, keep.SourceIndices, gridHeight, gridWidth);
    }

    /// <summary>A fixed-resolution (CLIP) tower: one <c>[1, 3, S, S]</c> image, features and [CLS] attention rows out.</summary>
    private VisionOutput RunFixedResolution(RgbImage image, Stopwatch watch)
    {
        var size = _manifest.ImageSize;
        var pixels = new float[3 * size * size];
        _preprocessor!.Preprocess(image, pixels);
        watch.Restart();
        using var pixelValue = OrtValue.CreateTensorValueFromMemory(pixels, new long[] { 1, 3, size, size });
        using var runOptions = new RunOptions();
        using var outputs = _vision.Run(runOptions, new[] { _pixelInput }, new[] { pixelValue }, _outputNames);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var cls = new Dictionary<int, ReadOnlyMemory<float>>();
        for (var i = 0; i < _clsLayers.Length; i++)
        {
            cls[_clsLayers[i]] = outputs[i + 1].GetTensorDataAsSpan<float>().ToArray();
        }

        var received = _receivedOutput >= 0 ? outputs[_receivedOutput].GetTensorDataAsSpan<float>().ToArray() : ReadOnlyMemory<float>.Empty;
        return new VisionOutput(outputs[0].GetTensorDataAsSpan<float>().ToArray(), (int)shape[1], (int)shape[2], cls, received, _manifest.GridHeight, _manifest.GridWidth);
    }

    /// <summary>
    /// A dynamic-resolution (Qwen2.5-VL) tower: the image resized to its own patch grid, patches flattened, the grid's
    /// rotary positions and windows computed here; merged tokens (already at the decoder width) and their received
    /// attention out, in raster order of the merged grid.
    /// </summary>
    private VisionOutput RunDynamicResolution(RgbImage image, Stopwatch watch)
    {
        var patches = _dynamic!.Preprocess(image);
        var layout = Qwen25VlVisionLayout.For(patches.GridHeight, patches.GridWidth, _manifest);
        long count = patches.GridHeight * patches.GridWidth;
        watch.Restart();
        using var pixelValue = OrtValue.CreateTensorValueFromMemory(patches.Pixels, new long[] { count, _dynamic.PatchLength });
        using var positionValue = OrtValue.CreateTensorValueFromMemory(layout.PatchPositions, new long[] { count, 2 });
        using var windowValue = OrtValue.CreateTensorValueFromMemory(layout.WindowIndex, new long[] { layout.MergedTokens });
        using var reverseValue = OrtValue.CreateTensorValueFromMemory(layout.ReverseIndex, new long[] { layout.MergedTokens });
        using var rowsValue = OrtValue.CreateTensorValueFromMemory(layout.WindowRows, new long[] { layout.WindowRows.Length });
        using var scatterValue = OrtValue.CreateTensorValueFromMemory(layout.WindowScatter, new long[] { count });
        using var runOptions = new RunOptions();
        using var outputs = _vision.Run(runOptions, _dynamicInputs!, new[] { pixelValue, positionValue, windowValue, reverseValue, rowsValue, scatterValue }, _outputNames);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var received = _receivedOutput >= 0 ? outputs[_receivedOutput].GetTensorDataAsSpan<float>().ToArray() : ReadOnlyMemory<float>.Empty;
        return new VisionOutput(outputs[0].GetTensorDataAsSpan<float>().ToArray(), (int)shape[0], (int)shape[1], new Dictionary<int, ReadOnlyMemory<float>>(), received, layout.MergedHeight, layout.MergedWidth);
    }

    /// <summary>What the vision graph gave for one image: features <c>[Tokens, Width]</c>, attention signals, and the token grid.</summary>
    private readonly record struct VisionOutput(float[] Features, int Tokens, int Width, Dictionary<int, ReadOnlyMemory<float>> Cls, ReadOnlyMemory<float> Received, int GridHeight, int GridWidth);

    private static float[] Gather(float[] features, int[] indices, int width)
    {
        var selected = new float[indices.Length * width];
        for (var k = 0; k < indices.Length; k++)
        {
            features.AsSpan(indices[k] * width, width).CopyTo(selected.AsSpan(k * width));
        }

        return selected;
    }

    private static void Validate(IVisualTokenSelector selector, VisualTokenSelection keep, int tokens)
    {
        if (keep is null || keep.Count == 0 || keep.Count > tokens)
        {
            throw new InvalidOperationException($"Visual-token selector '{selector.Name}' kept {keep?.Count ?? 0} rows of {tokens} tokens.");
        }

        var seen = new bool[tokens];
        foreach (var k in keep.SourceIndices)
        {
            if ((uint)k >= (uint)tokens || seen[k])
            {
                throw new InvalidOperationException($"Visual-token selector '{selector.Name}' returned index {k}, out of range or repeated.");
            }

            seen[k] = true;
        }
    }
}
