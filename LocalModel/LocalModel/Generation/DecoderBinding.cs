using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <summary>The decoder graph's input and output names, resolved from the manifest and checked against the loaded session.</summary>
internal sealed class DecoderBinding
{
    public DecoderBinding(ModelPackage package, InferenceSession session)
    {
        var g = package.Graph(ModelPackage.DecoderRole);
        var layers = package.Manifest.Text.NumLayers;
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        var file = package.GraphPath(ModelPackage.DecoderRole);

        string Require(IReadOnlyDictionary<string, NodeMetadata> meta, string name, string kind) =>
            meta.ContainsKey(name) ? name : throw new ModelPackageException($"Decoder graph '{file}' has no {kind} '{name}' (named in the manifest); it has: {string.Join(", ", meta.Keys)}.");

        InputsEmbeds = Require(inputs, g.Inputs["inputs_embeds"], "input");
        AttentionMask = Require(inputs, g.Inputs["attention_mask"], "input");
        PositionIds = g.Inputs.TryGetValue("position_ids", out var pos) && inputs.ContainsKey(pos) ? pos : null;
        Logits = Require(outputs, g.Outputs["logits"], "output");
        var pastKeyPattern = g.Inputs["past_key"];
        var graphLayers = 0;
        while (inputs.ContainsKey(string.Format(CultureInfo.InvariantCulture, pastKeyPattern, graphLayers)))
        {
            graphLayers++;
        }

        if (graphLayers != layers)
        {
            throw new ModelPackageException($"The manifest says text.num_layers = {layers}, but decoder graph '{file}' has {graphLayers} '{pastKeyPattern}' inputs.");
        }

        PastKeys = Layer(g.Inputs["past_key"], layers, inputs, file, "input");
        PastValues = Layer(g.Inputs["past_value"], layers, inputs, file, "input");
        PresentKeys = Layer(g.Outputs["present_key"], layers, outputs, file, "output");
        PresentValues = Layer(g.Outputs["present_value"], layers, outputs, file, "output");

        var known = new HashSet<string>(PastKeys.Concat(PastValues).Append(InputsEmbeds).Append(AttentionMask), StringComparer.Ordinal);
        if (PositionIds is not null)
        {
            known.Add(PositionIds);
        }

        var unknown = inputs.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelPackageException($"Decoder graph '{file}' has inputs the runtime does not know how to feed: {string.Join(", ", unknown)}.");
        }

        var kvDims = inputs[PastKeys[0]].Dimensions;
        var text = package.Manifest.Text;
        if (kvDims.Length != 4 || (kvDims[1] > 0 && kvDims[1] != text.NumKvHeads) || (kvDims[3] > 0 && kvDims[3] != text.HeadDim))
        {
            throw new ModelPackageException($"Decoder graph '{file}' has past shape [{string.Join(",", kvDims)}], but the manifest says [batch, {text.NumKvHeads}, past, {text.HeadDim}].");
        }

        if (inputs[PastKeys[0]].ElementDataType != TensorElementType.Float)
        {
            throw new ModelPackageException($"Decoder graph '{file}' keeps its cache in {inputs[PastKeys[0]].ElementDataType}; this runtime supports float32 caches.");
        }

        var stepInputs = new List<string> { InputsEmbeds, AttentionMask };
        if (PositionIds is not null)
        {
            stepInputs.Add(PositionIds);
        }

        FirstCacheInput = stepInputs.Count;
        var stepOutputs = new List<string> { Logits };
        for (var l = 0; l < layers; l++)
        {
            stepInputs.Add(PastKeys[l]);
            stepInputs.Add(PastValues[l]);
            stepOutputs.Add(PresentKeys[l]);
            stepOutputs.Add(PresentValues[l]);
        }

        SharesCacheBuffer = string.Equals(text.DecoderFlavour, "fused", StringComparison.Ordinal);
        PositionStreams = text.PositionStreams;
        if (PositionIds is not null)
        {
            var rank = inputs[PositionIds].Dimensions.Length;
            if (rank != (PositionStreams == 1 ? 2 : 3))
            {
                throw new ModelPackageException(string.Create(CultureInfo.InvariantCulture, $"Decoder graph '{file}' takes position_ids of rank {rank}, but the manifest says text.position_streams = {PositionStreams} ([batch, seq] for 1, [3, batch, seq] for 3)."));
            }
        }
        else if (PositionStreams != 1)
        {
            throw new ModelPackageException($"The manifest says text.position_streams = {PositionStreams}, but decoder graph '{file}' takes no position_ids.");
        }
        StepInputNames = stepInputs.ToArray();
        StepOutputNames = stepOutputs.ToArray();
        var logitDims = outputs[Logits].Dimensions;
        LogitsLastOnly = logitDims.Length == 3 && logitDims[1] == 1;
        if (logitDims.Length == 3 && logitDims[2] > 0 && logitDims[2] != text.VocabSize)
        {
            throw new ModelPackageException($"Decoder graph '{file}' has {logitDims[2]} logits per position, but the manifest says text.vocab_size = {text.VocabSize}.");
        }
    }

    public string InputsEmbeds { get; }

    /// <summary>
    /// Gets whether one cache buffer may be bound as both past and present, shaped to the full capacity
    /// (<c>[1, kv_heads, capacity, head_dim]</c>): the fused decoder's GroupQueryAttention then appends the new
    /// positions in place instead of copying the past into a new present each step.
    /// </summary>
    public bool SharesCacheBuffer { get; }

    /// <summary>
    /// Gets the position streams of <c>position_ids</c>: 1 (<c>[batch, seq]</c>) or 3 (M-RoPE, <c>[3, batch, seq]</c>, stream-major;
    /// a generated token takes the same position in all three).
    /// </summary>
    public int PositionStreams { get; }

    public string AttentionMask { get; }

    public string? PositionIds { get; }

    public string Logits { get; }

    public bool LogitsLastOnly { get; }

    public string[] PastKeys { get; }

    public string[] PastValues { get; }

    public string[] PresentKeys { get; }

    public string[] PresentValues { get; }

    /// <summary>
    /// Gets a decode step's input names in the order the engine fills them: <c>inputs_embeds</c>,
    /// <c>attention_mask</c>, <c>position_ids</c> (when the graph has it), then past key and value per layer.
    /// ONNX Runtime keeps the UTF-8 forms of a name array per session, so every step passes these same arrays.
    /// </summary>
    public string[] StepInputNames { get; }

    /// <summary>Gets a decode step's output names: <c>logits</c>, then present key and value per layer.</summary>
    public string[] StepOutputNames { get; }

    /// <summary>Gets the index of the first past key in <see cref="StepInputNames"/>.</summary>
    public int FirstCacheInput { get; }

    private static string[] Layer(string pattern, int layers, IReadOnlyDictionary<string, NodeMetadata> meta, string file, string kind)
    {
        var names = new string[layers];
        for (var l = 0; l < layers; l++)
        {
            names[l] = string.Format(CultureInfo.InvariantCulture, pattern, l);
            if (!meta.ContainsKey(names[l]))
            {
                throw new ModelPackageException($"Decoder graph '{file}' has no {kind} '{names[l]}'.");
            }
        }

        return names;
    }
}
