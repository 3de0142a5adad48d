using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LocalModel.Packaging;
using LocalModel.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>The staged decoder sessions, loaded on first use.</summary>
internal sealed class StageGraphs : IDisposable
{
    public StageGraphs(ModelPackage package, OnnxSessionFactory factory)
    {
        var text = package.Manifest.Text;
        var boundaries = text.StageBoundaries;
        Starts = new[] { 0 }.Concat(boundaries).ToArray();
        Sessions = new InferenceSession[Starts.Length];
        InputNames = new string[Starts.Length][];
        OutputNames = new string[Starts.Length][];
        try
        {
            for (var s = 0; s < Starts.Length; s++)
            {
                var role = string.Create(CultureInfo.InvariantCulture, $"decoder_stage_{s}");
                var g = package.Graph(role);
                Sessions[s] = factory.Create(package.GraphPath(role), role);
                var end = s + 1 < Starts.Length ? Starts[s + 1] : text.NumLayers;
                var inputs = new List<string> { s == 0 ? g.Inputs["inputs_embeds"] : g.Inputs["hidden_states"], g.Inputs["attention_mask"], g.Inputs["position_ids"] };
                var outputs = new List<string> { end == text.NumLayers ? g.Outputs["logits"] : g.Outputs["hidden_states"] };
                for (var l = Starts[s]; l < end; l++)
                {
                    inputs.Add(string.Format(CultureInfo.InvariantCulture, g.Inputs["past_key"], l));
                    inputs.Add(string.Format(CultureInfo.InvariantCulture, g.Inputs["past_value"], l));
                    outputs.Add(string.Format(CultureInfo.InvariantCulture, g.Outputs["present_key"], l));
                    outputs.Add(string.Format(CultureInfo.InvariantCulture, g.Outputs["present_value"], l));
                }

                foreach (var name in inputs.Where(n => !Sessions[s].InputMetadata.ContainsKey(n)).Concat(outputs.Where(n => !Sessions[s].OutputMetadata.ContainsKey(n))))
                {
                    throw new ModelPackageException($"Staged decoder graph '{package.GraphPath(role)}' has no input or output '{name}'.");
                }

                InputNames[s] = inputs.ToArray();
                OutputNames[s] = outputs.ToArray();
                if (end != text.NumLayers)
                {
                    AttentionOutput = g.Outputs["last_query_attention"];
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int[] Starts { get; }

    public InferenceSession[] Sessions { get; }

    public string[][] InputNames { get; }

    public string[][] OutputNames { get; }

    public string AttentionOutput { get; } = "last_query_attention";

    public void Dispose()
    {
        foreach (var s in Sessions)
        {
            s?.Dispose();
        }
    }
}
