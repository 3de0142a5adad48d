using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Plugins.Tools.Evaluation.Data;

/// <summary>
/// Reads and validates tool-selection data files. Every error is an <see cref="InvalidDataException"/> whose message
/// names the file, the tool index or query id, the field and what was expected. Thread-safe (no state).
/// </summary>
public static class ToolDatasetReader
{
    private static readonly string[] RootFields = ["tools", "queries"];
    private static readonly string[] ToolFields = ["name", "description", "parameters", "group"];
    private static readonly string[] QueryFields = ["id", "instruction", "image", "acceptable", "kind", "group"];

    /// <summary>Reads the data file at <paramref name="path"/>; images are resolved against its folder and must exist.</summary>
    /// <param name="path">The data file.</param>
    /// <returns>The validated data set.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON or breaks a rule of the format.</exception>
    public static ToolDataset Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The tool data file '{path}' does not exist; write one with `agents data tools --out {path} --seed 1`.", path);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(File.ReadAllText(path), path, folder);
    }

    /// <summary>Parses and validates data-set JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The name used in messages (the file path).</param>
    /// <param name="folder">The folder images are relative to (their files must exist there), or null to skip the image-file check.</param>
    /// <returns>The validated data set.</returns>
    /// <exception cref="InvalidDataException">The text is not valid JSON or breaks a rule of the format.</exception>
    public static ToolDataset Parse(string json, string source, string? folder)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, "the top level must be an object {\"tools\": [...], \"queries\": [...]}");
            }

            CheckFields(source, "the top level", root, RootFields);
            var tools = ReadTools(source, RequireArray(source, "the top level", root, "tools"));
            var queries = ReadQueries(source, RequireArray(source, "the top level", root, "queries"), tools, folder);
            return new ToolDataset { Tools = tools, Queries = queries, Folder = folder };
        }
    }

    private static List<ToolRecord> ReadTools(string source, JsonElement array)
    {
        var tools = new List<ToolRecord>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var where = $"tools[{i}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, $"{where} must be an object with name, description and parameters");
            }

            var name = RequireText(source, where, element, "name");
            where = $"tools[{i}] ('{name}')";
            CheckFields(source, where, element, ToolFields);
            if (!byName.TryAdd(name, i))
            {
                throw Error(source, $"{where}: field 'name' duplicates tools[{byName[name]}]; tool names must be unique");
            }

            var description = element.TryGetProperty("description", out var d) && d.ValueKind != JsonValueKind.Null
                ? d.ValueKind == JsonValueKind.String ? d.GetString()! : throw Error(source, $"{where}: field 'description' must be a string")
                : string.Empty;
            var parameters = JsonDocument.Parse("{}").RootElement.Clone();
            if (element.TryGetProperty("parameters", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                parameters = p.ValueKind == JsonValueKind.Object ? p.Clone() : throw Error(source, $"{where}: field 'parameters' must be a JSON schema object, got {Kind(p)}");
            }

            tools.Add(new ToolRecord { Name = name, Description = description, Parameters = parameters, Group = OptionalText(source, where, element, "group") });
            i++;
        }

        if (tools.Count == 0)
        {
            throw Error(source, "field 'tools' is empty; a data set needs at least one tool");
        }

        return tools;
    }

    private static List<ToolQueryRecord> ReadQueries(string source, JsonElement array, List<ToolRecord> tools, string? folder)
    {
        var names = new HashSet<string>(tools.Select(t => t.Name), StringComparer.Ordinal);
        var queries = new List<ToolQueryRecord>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var where = $"queries[{i}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, $"{where} must be an object with id, instruction, image and acceptable");
            }

            var id = RequireText(source, where, element, "id");
            where = $"queries[{i}] (id '{id}')";
            CheckFields(source, where, element, QueryFields);
            if (!ids.TryAdd(id, i))
            {
                throw Error(source, $"{where}: field 'id' duplicates queries[{ids[id]}]; query ids must be unique");
            }

            var instruction = RequireText(source, where, element, "instruction");
            var image = OptionalText(source, where, element, "image");
            if (image is not null && folder is not null && !File.Exists(Path.Combine(folder, image)))
            {
                throw Error(source, $"{where}: field 'image' names '{image}', which does not exist in {folder}; image paths are relative to the data file");
            }

            var acceptable = RequireArray(source, where, element, "acceptable");
            var list = new List<string>();
            foreach (var a in acceptable.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(a.GetString()))
                {
                    throw Error(source, $"{where}: field 'acceptable' must hold tool names (non-empty strings), got {Kind(a)}");
                }

                var name = a.GetString()!;
                if (!names.Contains(name))
                {
                    throw Error(source, $"{where}: field 'acceptable' names unknown tool '{name}'; every acceptable tool must be one of 'tools'");
                }

                if (list.Contains(name, StringComparer.Ordinal))
                {
                    throw Error(source, $"{where}: field 'acceptable' names '{name}' twice");
                }

                list.Add(name);
            }

            if (list.Count == 0)
            {
                throw Error(source, $"{where}: field 'acceptable' is empty; a query needs at least one acceptable tool");
            }

            queries.Add(new ToolQueryRecord
            {
                Id = id,
                Instruction = instruction,
                Image = image,
                Acceptable = list,
                Kind = OptionalText(source, where, element, "kind"),
                Group = OptionalText(source, where, element, "group"),
            });
            i++;
        }

        if (queries.Count == 0)
        {
            throw Error(source, "field 'queries' is empty; a data set needs at least one query");
        }

        return queries;
    }

    private static void CheckFields(string source, string where, JsonElement element, string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(source, $"{where}: unknown field '{property.Name}'; the fields are {string.Join(", ", allowed)}");
            }
        }
    }

    private static JsonElement RequireArray(string source, string where, JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value))
        {
            throw Error(source, $"{where}: field '{field}' is missing (an array)");
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw Error(source, $"{where}: field '{field}' must be an array, got {Kind(value)}");
    }

    private static string RequireText(string source, string where, JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value))
        {
            throw Error(source, $"{where}: field '{field}' is missing");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(source, $"{where}: field '{field}' must be a string, got {Kind(value)}");
        }

        var text = value.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw Error(source, $"{where}: field '{field}' is empty") : text;
    }

    private static string? OptionalText(string source, string where, JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(source, $"{where}: field '{field}' must be a non-empty string or null, got {Kind(value)}");
        }

        return value.GetString();
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static InvalidDataException Error(string source, string message) => new($"{source}: {message}.");
}
