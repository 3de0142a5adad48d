using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Plugins.Tools.Evaluation.Generation;

/// <summary>
/// One synonym group: the same function offered by several plugins. Variant i is named after plugin i of the
/// domain with <see cref="Names"/>[i] and described by <see cref="Descriptions"/>[i mod count]. Parameters are
/// written compactly: <c>"name?": "type|description"</c> (<c>?</c> marks optional; types string, integer, number,
/// boolean, date, datetime, list, <c>enum:a/b/c</c>).
/// </summary>
/// <param name="Id">The group id (e.g. <c>weather.forecast</c>), written as each tool's and query's <c>group</c>.</param>
/// <param name="Domain">The domain, whose plugin names prefix the tool names.</param>
/// <param name="Image">The image kind the group's queries carry (receipt, chart, sign, leaf, product), or null for text-only queries.</param>
/// <param name="Names">The function-name cores, one per variant (snake case).</param>
/// <param name="Descriptions">The descriptions the variants take in turn.</param>
/// <param name="Parameters">The compact parameter list.</param>
/// <param name="Direct">Instruction templates worded close to the function.</param>
/// <param name="Paraphrase">Instruction templates in everyday words, sharing few words with the descriptions.</param>
internal sealed record GroupSpec(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("names")] string[] Names,
    [property: JsonPropertyName("descriptions")] string[] Descriptions,
    [property: JsonPropertyName("parameters")] Dictionary<string, string> Parameters,
    [property: JsonPropertyName("direct")] string[] Direct,
    [property: JsonPropertyName("paraphrase")] string[] Paraphrase);
