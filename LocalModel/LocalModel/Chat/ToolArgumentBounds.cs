using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace LocalModel.Chat;

/// <summary>
/// Bounds the integer arguments of a function by the .NET parameters they bind to, so a constrained call never holds
/// a number its parameter cannot take (<c>15812121212121215</c> for an <c>int</c>): for an <see cref="AIFunction"/>
/// whose <see cref="AIFunction.UnderlyingMethod"/> is known, each integral parameter (<c>byte</c> to <c>ulong</c>,
/// nullable too) adds its type's range to its property schema, intersected with any <c>minimum</c>/<c>maximum</c>
/// already there. The constraint caps other integers at the int64 range. The rendered prompt keeps the original schema.
/// A tool may also carry a constraint-only schema (<see cref="LocalVlmChatClient.ConstraintSchemaKey"/>).
/// </summary>
internal static class ToolArgumentBounds
{
    private static readonly Dictionary<Type, (decimal Min, decimal Max)> Ranges = new()
    {
        [typeof(byte)] = (byte.MinValue, byte.MaxValue),
        [typeof(sbyte)] = (sbyte.MinValue, sbyte.MaxValue),
        [typeof(short)] = (short.MinValue, short.MaxValue),
        [typeof(ushort)] = (ushort.MinValue, ushort.MaxValue),
        [typeof(int)] = (int.MinValue, int.MaxValue),
        [typeof(uint)] = (uint.MinValue, uint.MaxValue),
        [typeof(long)] = (long.MinValue, long.MaxValue),
        [typeof(ulong)] = (ulong.MinValue, long.MaxValue),
    };

    /// <summary>
    /// Gets the schema the constraint should follow for <paramref name="function"/>'s arguments: its constraint-only
    /// schema (<see cref="LocalVlmChatClient.ConstraintSchemaKey"/>) when it has one, else its JsonSchema, with integer
    /// parameters bounded by their .NET types.
    /// </summary>
    public static JsonElement ConstraintSchema(AIFunctionDeclaration function)
    {
        var schema = function.AdditionalProperties.TryGetValue(LocalVlmChatClient.ConstraintSchemaKey, out var custom) && custom is JsonElement { ValueKind: JsonValueKind.Object } given
            ? given
            : function.JsonSchema;
        if (function is not AIFunction { UnderlyingMethod: { } method } || schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return schema;
        }

        JsonObject? root = null;
        foreach (var parameter in method.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is not { } name || !Ranges.TryGetValue(type, out var range) || !properties.TryGetProperty(name, out var property)
                || property.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            root ??= JsonNode.Parse(schema.GetRawText())!.AsObject();
            var target = root["properties"]![name]!.AsObject();
            target["minimum"] = Math.Max(range.Min, Read(property, "minimum") ?? decimal.MinValue);
            target["maximum"] = Math.Min(range.Max, Read(property, "maximum") ?? decimal.MaxValue);
        }

        return root is null ? schema : JsonSerializer.SerializeToElement(root, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonObject)));
    }

    private static decimal? Read(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : null;
}
