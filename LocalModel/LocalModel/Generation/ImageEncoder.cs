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
    private readonly ClipImagePreprocessor _preprocessor;
    private readonly VisionManifest _manifest;
    private readonly string _pixelInput;
    private readonly string[] _outputNames;
    private readonly int[] _clsLayers;
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
        _outputNames = new[] { graph.Outputs["features"] }
            .Concat(_clsLayers.Select(l => graph.Outputs[string.Create(CultureInfo.InvariantCulture, $"cls_attention.{l}")]))
            .Select(n => SessionNames.Require(package, ModelPackage.VisionEncoderRole, vision, n, input: false))
            .ToArray();
        if (projector is not null)
        {
            var p = package.Graph(ModelPackage.ProjectorRole);
            _projectorInput = p.Inputs["features"];
            _projectorOutput = p.Outputs["image_features"];
        }

        _loader = new ImageLoader(new ImageLoaderOptions { MaxPixels = maxImagePixels });
        _preprocessor = new ClipImagePreprocessor(ImagePipeline.ToOptions(package.Manifest.Preprocessing));
    }

    /// <summary>Encodes image <paramref name="index"/> of a request with its selector and budget.</summary>
    /// <exception cref="ImageDecodeException">The image cannot be decoded or is too large.</exception>
    /// <exception cref="InvalidOperationException">The selector returned an invalid selection.</exception>
    public EncodedImage Encode(ImageInput input, int index, IVisualTokenSelector? selector, VisualTokenBudget? budget, GenerationStatistics stats, CancellationToken cancellationToken)
    {
        var image = _loader.Load(input.Data, input.Name, cancellationToken);
        var size = _manifest.ImageSize;
        var pixels = new float[3 * size * size];
        _preprocessor.Preprocess(image, pixels);
        var watch = Stopwatch.StartNew();
        using var pixelValue = OrtValue.CreateTensorValueFromMemory(pixels, new long[] { 1, 3, size, size });
        using var runOptions = new RunOptions();
        using var outputs = _vision.Run(runOptions, new[] { _pixelInput }, new[] { pixelValue }, _outputNames);
        stats.AddOnnxRuntime(watch.Elapsed.TotalMilliseconds);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var tokens = (int)shape[1];
        var width = (int)shape[2];
        var features = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var cls = new Dictionary<int, ReadOnlyMemory<float>>();
        for (var i = 0; i < _clsLayers.Length; i++)
        {
            cls[_clsLayers[i]] = outputs[i + 1].GetTensorDataAsSpan<float>().ToArray();
        }

        selector ??= KeepAllVisualTokenSelector.Instance;
        watch.Restart();
        var keep = selector.Select(new VisualTokenSelectionContext
        {
            Features = features,
            TokenCount = tokens,
            FeatureWidth = width,
            ClsAttention = cls,
            GridHeight = _manifest.GridHeight,
            GridWidth = _manifest.GridWidth,
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
            return new EncodedImage(selected, keep.Count, tokens, keep.SourceIndices);
        }

        watch.Restart();
        using var featureValue = OrtValue.CreateTensorValueFromMemory(selected, new long[] { 1, keep.Count, width });
        using var projected = _projector.Run(runOptions, new[] { _projectorInput! }, new[] { featureValue }, new[] { _projectorOutput! });
        stats.AddOnnxRuntime(watch.Elapsed.TotalMilliseconds);
        return new EncodedImage(projected[0].GetTensorDataAsSpan<float>().ToArray(), keep.Count, tokens, keep.SourceIndices);
    }

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
