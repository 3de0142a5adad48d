using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>
/// Compiles the supported JSON Schema subset into <see cref="Grammar"/> nodes. The grammar accepts a subset of the
/// values the schema accepts: one spelling per value (compact, at most one space after <c>:</c> and <c>,</c>),
/// declared properties only and in schema order, and the caps of <see cref="JsonGrammarOptions"/>.
/// </summary>
internal sealed class JsonSchemaCompiler
{
    // Keywords that change which values are valid and that the grammar does not enforce: relaxed (reported).
    private static readonly HashSet<string> RelaxedKeywords = new(StringComparer.Ordinal)
    {
        "$ref", "$dynamicRef", "$recursiveRef", "patternProperties", "multipleOf", "not", "if", "then", "else",
        "contains", "minContains", "maxContains", "prefixItems", "additionalItems", "unevaluatedItems", "unevaluatedProperties",
        "dependentRequired", "dependentSchemas", "dependencies", "propertyNames", "minProperties", "maxProperties",
    };

    // RFC 3339 / ISO 8601 formats as patterns of the supported subset; each accepts only valid values (a subset of them:
    // February has 28 days, durations are days and/or a time part ending in seconds).
    private static readonly Dictionary<string, string> FormatPatterns = new(StringComparer.Ordinal)
    {
        ["date"] = DatePattern,
        ["time"] = TimePattern,
        ["date-time"] = DatePattern + "T" + TimePattern,
        ["duration"] = @"P(\d{1,9}D|(\d{1,9}D)?T(\d{1,9}H)?(\d{1,9}M)?\d{1,9}(\.\d{1,9})?S)",
        ["uuid"] = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    };

    private const string DatePattern = @"\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))";
    private const string TimePattern = @"([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)";

    private static readonly string[] TypeNames = ["string", "number", "integer", "boolean", "null", "object", "array"];

    private readonly Grammar _grammar;
    private readonly JsonGrammarOptions _options;
    private readonly Dictionary<int, List<byte[]>> _literals = new();
    private readonly HashSet<(string Keyword, string Path)> _reported = new();

    /// <summary>Creates a compiler that adds nodes to <paramref name="grammar"/>.</summary>
    public JsonSchemaCompiler(Grammar grammar)
    {
        _grammar = grammar;
        _options = grammar.Options;
    }

    /// <summary>Gets the node of any JSON object.</summary>
    public int FreeObject => _grammar.FreeObject;

    /// <summary>Compiles <paramref name="schema"/> and returns its node id.</summary>
    /// <param name="schema">The schema (an object or a boolean).</param>
    /// <param name="path">The schema's JSON pointer, for error messages (<c>#</c> for the root).</param>
    /// <remarks>A keyword (or combination) the grammar cannot honour is relaxed and reported once through <see cref="JsonGrammarOptions.SchemaRelaxed"/>.</remarks>
    /// <exception cref="ArgumentException">The schema is not a JSON Schema.</exception>
    public int Compile(JsonElement schema, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return _grammar.AnyValue;
            case JsonValueKind.False:
                Relax("false", path, "the schema 'false' matches no value; any value is allowed");
                return _grammar.AnyValue;
            case JsonValueKind.Object:
                break;
            default:
                throw new ArgumentException($"The schema at '{path}' must be a JSON object or a boolean, not {schema.ValueKind}.", nameof(schema));
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (RelaxedKeywords.Contains(keyword.Name) || (keyword.Name == "uniqueItems" && keyword.Value.ValueKind == JsonValueKind.True))
            {
                Relax(keyword.Name, path, "not enforced; the other keywords still apply");
            }
        }

        if (schema.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            if (allOf.GetArrayLength() == 1 && !HasValidationBesides(schema, "allOf"))
            {
                return Compile(allOf[0], path + "/allOf/0");
            }

            Relax("allOf", path, "only a one-element allOf alone is enforced; the other keywords still apply");
        }

        var types = ReadTypes(schema, path);
        if (schema.TryGetProperty("enum", out _) || schema.TryGetProperty("const", out _))
        {
            return CompileLiterals(schema, types, path);
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (!schema.TryGetProperty(keyword, out var alternatives))
            {
                continue;
            }

            if (alternatives.ValueKind != JsonValueKind.Array || alternatives.GetArrayLength() == 0)
            {
                throw new ArgumentException($"'{keyword}' at '{path}' must be a non-empty array of schemas.", nameof(schema));
            }

            if (HasValidationBesides(schema, keyword))
            {
                Relax(keyword, path, $"the keywords next to {keyword} are not enforced; its alternatives are");
            }

            var nodes = new List<int>();
            var i = 0;
            foreach (var alternative in alternatives.EnumerateArray())
            {
                nodes.Add(Compile(alternative, $"{path}/{keyword}/{i++}"));
            }

            // oneOf compiles like anyOf: alternatives told apart by their first byte cannot overlap.
            return Union(nodes, keyword, path);
        }

        if (types is null)
        {
            types = InferType(schema);
            if (types is null)
            {
                return _grammar.AnyValue;
            }
        }

        if (types.Contains("number"))
        {
            types.Remove("integer");
        }

        var compiled = types.Select(t => CompileType(t, schema, path)).ToList();
        return compiled.Count == 1 ? compiled[0] : Union(compiled, "type", path);
    }

    // Reports a keyword the grammar does not enforce, once per keyword and location.
    private void Relax(string keyword, string path, string reason)
    {
        if (_reported.Add((keyword, path)))
        {
            _options.SchemaRelaxed?.Invoke(new SchemaRelaxation(keyword, path, reason));
        }
    }

    private static bool HasValidationBesides(JsonElement schema, string keyword)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (property.Name != keyword && property.Name is not ("description" or "title" or "default" or "$schema" or "$id" or "$comment"
                or "examples" or "readOnly" or "writeOnly" or "deprecated" or "$defs" or "definitions" or "nullable"))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string>? ReadTypes(JsonElement schema, string path)
    {
        List<string>? types = null;
        if (schema.TryGetProperty("type", out var type))
        {
            types = type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array => type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty).Distinct(StringComparer.Ordinal).ToList(),
                _ => throw new ArgumentException($"'type' at '{path}' must be a string or an array of strings.", nameof(schema)),
            };
            foreach (var t in types)
            {
                if (!TypeNames.Contains(t, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"'type' at '{path}' names '{t}'; expected one of {string.Join(", ", TypeNames)}.", nameof(schema));
                }
            }

            if (types.Count == 0)
            {
                throw new ArgumentException($"'type' at '{path}' is an empty array.", nameof(schema));
            }
        }

        // OpenAPI 3.0's "nullable": true adds null.
        if (types is not null && schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True && !types.Contains("null"))
        {
            types.Add("null");
        }

        return types;
    }

    // Without "type", object or array keywords mean that type (other types would be valid too; emitting only
    // this one keeps the output valid). Otherwise the value is free.
    private static List<string>? InferType(JsonElement schema)
    {
        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _) || schema.TryGetProperty("additionalProperties", out _))
        {
            return ["object"];
        }

        if (schema.TryGetProperty("items", out _) || schema.TryGetProperty("minItems", out _) || schema.TryGetProperty("maxItems", out _))
        {
            return ["array"];
        }

        if (schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _))
        {
            return ["string"];
        }

        return null;
    }

    private int CompileType(string type, JsonElement schema, string path) => type switch
    {
        "string" => CompileString(schema, path),
        "integer" => CompileInteger(schema, path),
        "number" => CompileNumber(schema, path),
        "boolean" => Literal([JsonText.True, JsonText.False]),
        "null" => Literal([JsonText.Null]),
        "object" => CompileObject(schema, path),
        _ => CompileArray(schema, path),
    };

    private int CompileString(JsonElement schema, string path)
    {
        var min = ReadCount(schema, "minLength", path) ?? 0;
        var max = Math.Min(ReadCount(schema, "maxLength", path) ?? int.MaxValue, _options.MaxStringLength);
        if (min > max)
        {
            Relax("minLength", path, $"minLength {min} exceeds the string cap {max} (maxLength or JsonGrammarOptions.MaxStringLength); at most {max} characters are written");
            min = max;
        }

        var automaton = StringPattern(schema, path);
        if (automaton is not null)
        {
            var table = automaton.BuildNextFeasible(max);
            if (table[min] <= max)
            {
                return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.String, MinLength = min, MaxLength = max, Pattern = automaton, PatternNextFeasible = table });
            }

            Relax(schema.TryGetProperty("pattern", out _) ? "pattern" : "format", path, $"no string of {min} to {max} characters matches it; a plain string is written");
        }

        return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.String, MinLength = min, MaxLength = max });
    }

    // The automaton of "pattern" (else of a known "format"), or null (unknown or outside the subset: reported).
    private PatternAutomaton? StringPattern(JsonElement schema, string path)
    {
        string keyword;
        string regex;
        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            keyword = "pattern";
            regex = pattern.GetString()!;
            if (schema.TryGetProperty("format", out _))
            {
                Relax("format", path, "not enforced next to 'pattern', which is");
            }
        }
        else if (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String)
        {
            keyword = "format";
            if (!FormatPatterns.TryGetValue(format.GetString()!, out regex!))
            {
                Relax("format", path, $"the format '{format.GetString()}' is not enforced (known: {string.Join(", ", FormatPatterns.Keys)}); a plain string is written");
                return null;
            }
        }
        else
        {
            return null;
        }

        if (PatternAutomaton.TryCompile(regex, out var automaton, out var reason))
        {
            return automaton;
        }

        Relax(keyword, path, $"outside the supported regex subset ({reason}); a plain string is written");
        return null;
    }

    private int CompileNumber(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("minimum", out _) && !schema.TryGetProperty("maximum", out _)
            && !schema.TryGetProperty("exclusiveMinimum", out _) && !schema.TryGetProperty("exclusiveMaximum", out _))
        {
            return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.Number, MaxBytes = _options.MaxNumberLength });
        }

        // Bounds on a number: integer values in range, fractions after an integer part whose whole unit is in range.
        return CompileBounded(schema, path, integerOnly: false);
    }

    private int CompileInteger(JsonElement schema, string path) => CompileBounded(schema, path, integerOnly: true);

    private int CompileBounded(JsonElement schema, string path, bool integerOnly)
    {
        decimal? lo = null;
        decimal? hi = null;
        if (schema.TryGetProperty("minimum", out var minimum))
        {
            lo = Math.Ceiling(ReadBound(minimum, "minimum", path));
        }

        if (schema.TryGetProperty("maximum", out var maximum))
        {
            hi = Math.Floor(ReadBound(maximum, "maximum", path));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusiveMinimum))
        {
            if (exclusiveMinimum.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                // Draft 4: a flag on "minimum".
                lo = exclusiveMinimum.ValueKind == JsonValueKind.True && lo is { } l && minimum.GetDecimal() == l ? l + 1 : lo;
            }
            else
            {
                var bound = Math.Floor(ReadBound(exclusiveMinimum, "exclusiveMinimum", path)) + 1;
                lo = lo is null ? bound : Math.Max(lo.Value, bound);
            }
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var exclusiveMaximum))
        {
            if (exclusiveMaximum.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                hi = exclusiveMaximum.ValueKind == JsonValueKind.True && hi is { } h && maximum.GetDecimal() == h ? h - 1 : hi;
            }
            else
            {
                var bound = Math.Ceiling(ReadBound(exclusiveMaximum, "exclusiveMaximum", path)) - 1;
                hi = hi is null ? bound : Math.Min(hi.Value, bound);
            }
        }

        // Integers are always bounded: by the schema, else by the int64 range (what a .NET parameter can bind).
        var minimumValue = (long)Math.Clamp(lo ?? long.MinValue, long.MinValue, long.MaxValue);
        var maximumValue = (long)Math.Clamp(hi ?? long.MaxValue, long.MinValue, long.MaxValue);
        var shortest = minimumValue > 0 ? minimumValue : maximumValue < 0 ? maximumValue : 0;
        if (minimumValue > maximumValue || shortest.ToString(CultureInfo.InvariantCulture).Length > _options.MaxNumberLength)
        {
            // No integer in range, or the shortest one exceeds the byte cap (it could never be finished).
            Relax(schema.TryGetProperty("minimum", out _) ? "minimum" : "maximum", path, minimumValue > maximumValue
                ? $"no integer lies in [{lo}, {hi}]; the bounds are not enforced"
                : $"the smallest allowed integer {shortest} is longer than JsonGrammarOptions.MaxNumberLength {_options.MaxNumberLength}; the bounds are not enforced");
            if (!integerOnly)
            {
                return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.Number, MaxBytes = _options.MaxNumberLength });
            }

            (minimumValue, maximumValue) = (long.MinValue, long.MaxValue);
        }

        return _grammar.Add(new GrammarNode
        {
            Kind = GrammarNodeKind.Number,
            IntegerOnly = integerOnly,
            MaxBytes = _options.MaxNumberLength,
            HasBounds = true,
            Minimum = minimumValue,
            Maximum = maximumValue,
        });
    }

    private static decimal ReadBound(JsonElement value, string keyword, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)
            ? d
            : throw new ArgumentException($"'{keyword}' at '{path}' must be a number.", nameof(value));

    private static int? ReadCount(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var d) || d < 0 || d != Math.Floor(d))
        {
            throw new ArgumentException($"'{keyword}' at '{path}' must be a non-negative integer.", nameof(schema));
        }

        return d > int.MaxValue ? int.MaxValue : (int)d;
    }

    private int CompileObject(JsonElement schema, string path)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (hasProperties && properties.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"'properties' at '{path}' must be an object.", nameof(schema));
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var requiredList))
        {
            if (requiredList.ValueKind != JsonValueKind.Array)
            {
                throw new ArgumentException($"'required' at '{path}' must be an array of property names.", nameof(schema));
            }

            foreach (var name in requiredList.EnumerateArray())
            {
                required.Add(name.GetString() ?? throw new ArgumentException($"'required' at '{path}' must hold strings.", nameof(schema)));
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        if (!hasProperties && required.Count == 0)
        {
            // No declared properties: any members (additionalProperties true/absent), each value following its schema, or none at all.
            return additional.ValueKind switch
            {
                JsonValueKind.Undefined or JsonValueKind.True => _grammar.FreeObject,
                JsonValueKind.False => BuildObject([], path),
                _ => _grammar.Add(new GrammarNode
                {
                    Kind = GrammarNodeKind.FreeObject,
                    KeyNode = _grammar.FreeString,
                    Child = Compile(additional, path + "/additionalProperties"),
                    MaxItems = _options.MaxArrayItems,
                }),
            };
        }

        // Declared properties only: valid whatever additionalProperties says.
        var list = new List<ObjectProperty>();
        if (hasProperties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                list.Add(new ObjectProperty(property.Name, Compile(property.Value, $"{path}/properties/{Escape(property.Name)}"), required.Remove(property.Name)));
            }
        }

        if (required.Count > 0)
        {
            Relax("required", path, $"required propert{(required.Count == 1 ? "y" : "ies")} {string.Join(", ", required.Select(r => "'" + r + "'"))} not declared in 'properties' cannot be written");
        }

        return BuildObject(list, path);
    }

    private int BuildObject(List<ObjectProperty> properties, string path)
    {
        _ = path;
        var count = properties.Count;
        var keys = properties.Select(p => JsonText.EncodeString(p.Name)).ToArray();
        var tries = new LiteralTrie[count];
        for (var i = 0; i < count; i++)
        {
            // Next key after properties before i are settled: any j >= i with no required property skipped in [i, j).
            var candidates = new byte[count][];
            for (var j = i; j < count; j++)
            {
                candidates[j] = keys[j];
                if (properties[j].Required)
                {
                    break;
                }
            }

            tries[i] = LiteralTrie.Build(candidates.Select(c => c ?? []).ToArray());
        }

        var canClose = new bool[count + 1];
        canClose[count] = true;
        for (var i = count - 1; i >= 0; i--)
        {
            canClose[i] = canClose[i + 1] && !properties[i].Required;
        }

        return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.Object, Properties = properties.ToArray(), KeyTries = tries, CanCloseAt = canClose });
    }

    private int CompileArray(JsonElement schema, string path)
    {
        var item = _grammar.AnyValue;
        if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                Relax("items", path, "the tuple form (an array of schemas) is not enforced; items are any values");
            }
            else
            {
                item = Compile(items, path + "/items");
            }
        }

        var min = ReadCount(schema, "minItems", path) ?? 0;
        var max = Math.Min(ReadCount(schema, "maxItems", path) ?? int.MaxValue, _options.MaxArrayItems);
        if (min > max)
        {
            Relax("minItems", path, $"minItems {min} exceeds the item cap {max} (maxItems or JsonGrammarOptions.MaxArrayItems); at most {max} items are written");
            min = max;
        }

        return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.Array, Child = item, MinItems = min, MaxItems = max });
    }

    private int CompileLiterals(JsonElement schema, List<string>? types, string path)
    {
        var values = new List<JsonElement>();
        var keyword = "enum";
        if (schema.TryGetProperty("enum", out var enumValues))
        {
            if (enumValues.ValueKind != JsonValueKind.Array)
            {
                throw new ArgumentException($"'enum' at '{path}' must be an array.", nameof(schema));
            }

            values.AddRange(enumValues.EnumerateArray());
        }

        if (schema.TryGetProperty("const", out var constValue))
        {
            keyword = "const";
            var encoded = JsonText.EncodeValue(constValue);
            if (values.Count > 0 && !values.Any(v => JsonText.EncodeValue(v).AsSpan().SequenceEqual(encoded)))
            {
                Relax("enum", path, "the 'const' value is not in 'enum'; the const value is written");
            }

            values = [constValue];
        }

        var literals = new List<byte[]>();
        foreach (var value in values)
        {
            if (types is not null && !types.Any(t => MatchesType(value, t)))
            {
                continue;
            }

            // Strings must still honour the string keywords.
            if (value.ValueKind == JsonValueKind.String)
            {
                var length = value.GetString()!.EnumerateRunes().Count();
                if (length < (ReadCount(schema, "minLength", path) ?? 0) || length > (ReadCount(schema, "maxLength", path) ?? int.MaxValue))
                {
                    continue;
                }
            }

            var bytes = JsonText.EncodeValue(value);
            if (!literals.Any(l => l.AsSpan().SequenceEqual(bytes)))
            {
                literals.Add(bytes);
            }
        }

        if (literals.Count == 0)
        {
            Relax(keyword, path, "no listed value matches the schema's other keywords; the listed values are written");
            literals.AddRange(values.Select(JsonText.EncodeValue));
            if (literals.Count == 0)
            {
                return _grammar.AnyValue;
            }
        }

        return Literal(literals);
    }

    private static bool MatchesType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == Math.Floor(d),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => value.ValueKind == JsonValueKind.Array,
    };

    private int Literal(List<byte[]> literals)
    {
        var id = _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.Literal, Trie = LiteralTrie.Build(literals) });
        _literals[id] = literals;
        return id;
    }

    // Alternatives are told apart by their first byte; literal sets that overlap are merged.
    private int Union(List<int> alternatives, string keyword, string path)
    {
        if (alternatives.Contains(_grammar.AnyValue))
        {
            return _grammar.AnyValue;
        }

        // Merge all literal alternatives into one set first.
        var literalIds = alternatives.Where(_literals.ContainsKey).ToList();
        if (literalIds.Count > 1)
        {
            var merged = new List<byte[]>();
            foreach (var bytes in literalIds.SelectMany(l => _literals[l]))
            {
                if (!merged.Any(m => m.AsSpan().SequenceEqual(bytes)))
                {
                    merged.Add(bytes);
                }
            }

            alternatives = alternatives.Where(a => !_literals.ContainsKey(a)).Append(Literal(merged)).ToList();
        }

        if (alternatives.Count == 1)
        {
            return alternatives[0];
        }

        var dispatch = new int[256];
        Array.Fill(dispatch, -1);
        var owner = new int[256];
        Span<bool> first = stackalloc bool[256];
        for (var i = 0; i < alternatives.Count; i++)
        {
            var node = _grammar.Get(alternatives[i]);
            first.Clear();
            FirstBytes(alternatives[i], first);
            for (var b = 0; b < 256; b++)
            {
                if (!first[b])
                {
                    continue;
                }

                var target = node.Kind == GrammarNodeKind.Union ? node.Dispatch[b] : alternatives[i];
                if (dispatch[b] >= 0 && dispatch[b] != target)
                {
                    Relax(keyword, path, $"alternatives {owner[b]} and {i} can both start with '{(char)b}' (they must differ in type); any value is allowed");
                    return _grammar.AnyValue;
                }

                dispatch[b] = target;
                owner[b] = i;
            }
        }

        return _grammar.Add(new GrammarNode { Kind = GrammarNodeKind.Union, Dispatch = dispatch });
    }

    private void FirstBytes(int id, Span<bool> first)
    {
        var node = _grammar.Get(id);
        switch (node.Kind)
        {
            case GrammarNodeKind.Literal:
                node.Trie!.AddFirstBytes(first);
                break;
            case GrammarNodeKind.String:
                first['"'] = true;
                break;
            case GrammarNodeKind.Number:
                first['-'] = true;
                for (var d = '0'; d <= '9'; d++)
                {
                    first[d] = true;
                }

                break;
            case GrammarNodeKind.Object or GrammarNodeKind.FreeObject:
                first['{'] = true;
                break;
            case GrammarNodeKind.Array:
                first['['] = true;
                break;
            case GrammarNodeKind.Union:
                for (var b = 0; b < 256; b++)
                {
                    first[b] |= node.Dispatch[b] >= 0;
                }

                break;
            default:
                foreach (var b in "{[\"-0123456789tfn")
                {
                    first[b] = true;
                }

                break;
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
