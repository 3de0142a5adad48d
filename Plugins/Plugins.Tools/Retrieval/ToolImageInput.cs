namespace Plugins.Tools.Retrieval;

/// <summary>Whether a tool consumes an image, as <see cref="ToolModality.ImageInput"/> reads it from the parameter schema.</summary>
public enum ToolImageInput
{
    /// <summary>No parameter takes an image.</summary>
    None,

    /// <summary>An optional parameter takes an image.</summary>
    Optional,

    /// <summary>A required parameter takes an image.</summary>
    Required,
}
