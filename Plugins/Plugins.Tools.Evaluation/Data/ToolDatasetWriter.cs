using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Plugins.Tools.Evaluation.Data;

/// <summary>
/// Writes data sets as indented UTF-8 JSON (no byte-order mark, <c>\n</c> line ends, fields in a fixed order), so the
/// same data set always gives the same bytes. Optional fields (<c>kind</c>, <c>group</c>) are written only when set.
/// Thread-safe (no state).
/// </summary>
public static class ToolDatasetWriter
{
    /// <summary>Returns <paramref name="dataset"/> as JSON text.</summary>
    /// <param name="dataset">The data set.</param>
    public static string ToJson(ToolDataset dataset) => Encoding.UTF8.GetString(ToUtf8(dataset));

    /// <summary>Writes <paramref name="dataset"/> to <paramref name="path"/> (replacing it), through a temporary file so nothing half-written is left.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="path">The file to write.</param>
    public static void Write(ToolDataset dataset, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, ToUtf8(dataset));
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] ToUtf8(ToolDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("tools");
            foreach (var tool in dataset.Tools)
            {
                json.WriteStartObject();
                json.WriteString("name", tool.Name);
                json.WriteString("description", tool.Description);
                json.WritePropertyName("parameters");
                if (tool.Parameters.ValueKind == JsonValueKind.Undefined)
                {
                    json.WriteStartObject();
                    json.WriteEndObject();
                }
                else
                {
                    tool.Parameters.WriteTo(json);
                }

                if (tool.Group is not null)
                {
                    json.WriteString("group", tool.Group);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("queries");
            foreach (var query in dataset.Queries)
            {
                json.WriteStartObject();
                json.WriteString("id", query.Id);
                json.WriteString("instruction", query.Instruction);
                if (query.Image is null)
                {
                    json.WriteNull("image");
                }
                else
                {
                    json.WriteString("image", query.Image);
                }

                json.WriteStartArray("acceptable");
                foreach (var name in query.Acceptable)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
                if (query.Kind is not null)
                {
                    json.WriteString("kind", query.Kind);
                }

                if (query.Group is not null)
                {
                    json.WriteString("group", query.Group);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
