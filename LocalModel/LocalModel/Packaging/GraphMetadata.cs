namespace LocalModel.Packaging;

/// <summary>
/// Keys of the ONNX <c>metadata_props</c> the builder writes into each graph, which the runtime checks against the
/// manifest when a package loads. Graphs without them (e.g. transformers.js exports) are checked by their inputs and
/// outputs only.
/// </summary>
public static class GraphMetadata
{
    /// <summary>The number of transformer layers the graph runs (vision encoder: up to the feature layer; decoder or stage: its layers).</summary>
    public const string NumLayers = "localmodel.num_layers";
}
