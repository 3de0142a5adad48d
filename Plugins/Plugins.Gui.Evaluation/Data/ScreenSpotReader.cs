using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Plugins.Gui.Evaluation.Data;

/// <summary>
/// Reads and writes ScreenSpot files: a JSON array of <see cref="ScreenSpotRecord"/> objects. Reading is strict: a
/// missing, mistyped or unknown field, a box outside [x, y, w, h] with w, h &gt; 0, or a missing image is an
/// <see cref="InvalidDataException"/> naming the file, the line where the record starts and the field.
/// </summary>
public static class ScreenSpotReader
{
    private static readonly string[] Fields = ["img_filename", "bbox", "instruction", "data_type", "data_source"];

    /// <summary>Reads every record of <paramref name="path"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="requireImages">Whether each image must exist (default true); see <see cref="ResolveImage"/>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file or a record is malformed; the message names the file, line and field.</exception>
    public static IReadOnlyList<ScreenSpotRecord> Read(string path, bool requireImages = true)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ScreenSpot file '{path}' does not exist; give a JSON array of records (img_filename, bbox, instruction, data_type, data_source).", path);
        }

        var bytes = File.ReadAllBytes(path);
        var lines = RecordLines(bytes, path);
        using var document = JsonDocument.Parse(bytes);
        var records = new List<ScreenSpotRecord>(lines.Count);
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var line = lines[index++];
            var fields = new RecordFields(element, path, line, Fields);
            var bbox = fields.RequiredNumbers("bbox", 4, "[x, y, width, height] in image pixels with x, y >= 0 and width, height > 0", (i, v) => i < 2 ? v >= 0 : v > 0);
            var record = new ScreenSpotRecord
            {
                ImageFilename = fields.RequiredString("img_filename"),
                Bbox = bbox,
                Instruction = fields.RequiredString("instruction"),
                DataType = fields.RequiredChoice("data_type", GroundingSplit.Text, GroundingSplit.Icon),
                DataSource = fields.RequiredString("data_source"),
                Line = line,
            };
            if (requireImages && !File.Exists(ResolveImage(path, record)))
            {
                throw fields.Error($"field 'img_filename' names '{record.ImageFilename}', which is neither beside the file nor in its images/ folder");
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>The image's full path: beside <paramref name="path"/> if it is there, else in its <c>images/</c> subfolder.</summary>
    public static string ResolveImage(string path, ScreenSpotRecord record)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var beside = Path.Combine(folder, record.ImageFilename);
        return File.Exists(beside) ? beside : Path.Combine(folder, "images", record.ImageFilename);
    }

    /// <summary>Writes <paramref name="records"/> as a JSON array, one record per line, UTF-8 without BOM.</summary>
    public static void Write(string path, IEnumerable<ScreenSpotRecord> records)
    {
        var text = new StringBuilder("[\n");
        var first = true;
        foreach (var record in records)
        {
            if (!first)
            {
                text.Append(",\n");
            }

            first = false;
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("img_filename", record.ImageFilename);
                writer.WriteStartArray("bbox");
                foreach (var v in record.Bbox)
                {
                    writer.WriteNumberValue(Math.Round(v, 2));
                }

                writer.WriteEndArray();
                writer.WriteString("instruction", record.Instruction);
                writer.WriteString("data_type", record.DataType);
                writer.WriteString("data_source", record.DataSource);
                writer.WriteEndObject();
            }

            text.Append("  ").Append(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        text.Append("\n]\n");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>The 1-based line where each top-level array element starts; fails unless the file is one JSON array.</summary>
    private static List<int> RecordLines(byte[] bytes, string path)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var newlinesBefore = 0;
        var scanned = 0L;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw RecordFields.Error(path, 1, "a ScreenSpot file must be one JSON array of records");
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
                {
                    for (; scanned < reader.TokenStartIndex; scanned++)
                    {
                        if (bytes[scanned] == (byte)'\n')
                        {
                            newlinesBefore++;
                        }
                    }

                    lines.Add(newlinesBefore + 1);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            throw RecordFields.Error(path, (int)(ex.LineNumber ?? 0) + 1, $"not valid JSON ({ex.Message})");
        }

        return lines;
    }
}
