using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval;

/// <summary>
/// Modality awareness (MLLM-Tool: a multimodal instruction needs a tool that consumes its modality): which tools take an
/// image, read from their parameter schemas.
/// </summary>
/// <remarks>
/// A top-level parameter takes an image when its name or description has one of the words image, photo, picture,
/// scan, screenshot, snapshot (or their plurals, any case, also inside snake or camel names such as
/// <c>receiptPhoto</c>), or when its schema says <c>contentMediaType: image/...</c>. The description of the tool itself is not read: "returns it as an image" describes
/// an output. It is <see cref="ToolImageInput.Required"/> when that parameter is in the schema's <c>required</c> list.
/// Pure and thread-safe.
/// </remarks>
public static partial class ToolModality
{
    /// <summary>Reads whether <paramref name="tool"/> takes an image.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns><see cref="ToolImageInput.Required"/>, <see cref="ToolImageInput.Optional"/> or <see cref="ToolImageInput.None"/>.</returns>
    public static ToolImageInput ImageInput(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var schema = tool.ParametersSchema;
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return ToolImageInput.None;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        var result = ToolImageInput.None;
        foreach (var property in properties.EnumerateObject())
        {
            if (TakesImage(property.Name, property.Value))
            {
                if (required.Contains(property.Name))
                {
                    return ToolImageInput.Required;
                }

                result = ToolImageInput.Optional;
            }
        }

        return result;
    }

    /// <summary>Reads <see cref="ImageInput"/> for every tool of <paramref name="catalog"/>, in catalogue order.</summary>
    /// <param name="catalog">The tools.</param>
    /// <returns>One entry per tool.</returns>
    public static ToolImageInput[] ImageInputs(ToolCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = new ToolImageInput[catalog.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ImageInput(catalog.Tools[i]);
        }

        return result;
    }

    private static bool TakesImage(string name, JsonElement schema)
    {
        if (ImageWord().IsMatch(name))
        {
            return true;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (schema.TryGetProperty("contentMediaType", out var media) && media.ValueKind == JsonValueKind.String
            && media.GetString()!.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return schema.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String
            && ImageWord().IsMatch(description.GetString()!);
    }

    // A word boundary, an underscore or a case change before the word; s optional; then a non-letter or a capital.
    [GeneratedRegex(@"(?:^|[^A-Za-z]|(?<=[a-z])(?=[A-Z]))(?i:image|photo|picture|scan|screenshot|snapshot)(?i:s)?(?:$|[^a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex ImageWord();
}
