using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Plugins.Gui.Evaluation.Data;

/// <summary>
/// Reads and writes <c>tasks.jsonl</c>: one <see cref="PageTask"/> per line as a JSON object; blank lines are
/// skipped. Reading is strict: a missing, mistyped or unknown field, a duplicate id, or a page file that does not exist
/// is an <see cref="InvalidDataException"/> naming the file, the line and the field.
/// </summary>
public static class PageTaskReader
{
    private static readonly string[] Fields = ["id", "page", "viewport", "device_scale_factor", "instruction", "target", "split", "scroll_into_view"];

    /// <summary>Reads every task of <paramref name="path"/>.</summary>
    /// <param name="path">The <c>tasks.jsonl</c> file.</param>
    /// <param name="requirePages">Whether each task's page file must exist beside the file (default true).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A record is malformed; the message names the file, line and field.</exception>
    public static IReadOnlyList<PageTask> Read(string path, bool requirePages = true)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The page-task file '{path}' does not exist; give a tasks.jsonl (one JSON object per line).", path);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var tasks = new List<PageTask>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw RecordFields.Error(path, lineNumber, $"not valid JSON ({ex.Message})");
            }

            using (document)
            {
                var task = Parse(document.RootElement, path, lineNumber);
                if (!ids.Add(task.Id))
                {
                    throw RecordFields.Error(path, lineNumber, $"field 'id' \"{task.Id}\" is used by an earlier line; ids must be unique");
                }

                if (requirePages && !File.Exists(Path.Combine(folder, task.Page)))
                {
                    throw RecordFields.Error(path, lineNumber, $"field 'page' names '{task.Page}', which does not exist in {folder}");
                }

                tasks.Add(task);
            }
        }

        return tasks;
    }

    /// <summary>Parses one record; <paramref name="file"/> and <paramref name="line"/> go into error messages.</summary>
    public static PageTask Parse(JsonElement record, string file, int line)
    {
        var fields = new RecordFields(record, file, line, Fields);
        var viewport = fields.RequiredObject("viewport");
        var page = fields.RequiredString("page");
        if (Path.IsPathRooted(page) || page.Contains("..", StringComparison.Ordinal) || page.Contains('\\', StringComparison.Ordinal))
        {
            throw fields.Error($"field 'page' must be a path relative to the file's folder with forward slashes and no '..', got \"{page}\"");
        }

        return new PageTask
        {
            Id = fields.RequiredString("id"),
            Page = page,
            Viewport = new PageTaskViewport(fields.RequiredPositiveInt(viewport, "viewport", "width"), fields.RequiredPositiveInt(viewport, "viewport", "height")),
            DeviceScaleFactor = fields.RequiredPositiveNumber("device_scale_factor"),
            Instruction = fields.RequiredString("instruction"),
            Target = fields.RequiredString("target"),
            Split = fields.RequiredChoice("split", GroundingSplit.Text, GroundingSplit.Icon),
            ScrollIntoView = fields.OptionalBool("scroll_into_view", false),
            Line = line,
        };
    }

    /// <summary>Writes <paramref name="tasks"/> to <paramref name="path"/>, one compact JSON object per line (LF), UTF-8 without BOM.</summary>
    public static void Write(string path, IEnumerable<PageTask> tasks)
    {
        var text = new StringBuilder();
        foreach (var task in tasks)
        {
            text.Append(ToJson(task)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>One record as compact JSON, fields in the documented order.</summary>
    public static string ToJson(PageTask task)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", task.Id);
            writer.WriteString("page", task.Page);
            writer.WriteStartObject("viewport");
            writer.WriteNumber("width", task.Viewport.Width);
            writer.WriteNumber("height", task.Viewport.Height);
            writer.WriteEndObject();
            writer.WriteNumber("device_scale_factor", task.DeviceScaleFactor);
            writer.WriteString("instruction", task.Instruction);
            writer.WriteString("target", task.Target);
            writer.WriteString("split", task.Split);
            writer.WriteBoolean("scroll_into_view", task.ScrollIntoView);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
