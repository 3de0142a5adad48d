using System.Text.Json.Serialization;

namespace Plugins.Gui.Actions;

/// <summary>The answer of <c>find_element</c>: the candidate an instruction refers to, with its box in CSS pixels.</summary>
public sealed record FoundElement
{
    /// <summary>Whether an element (or point) was found.</summary>
    [JsonPropertyName("found")]
    public required bool Found { get; init; }

    /// <summary>The candidate id in the latest observation, to pass as an action's target; null when the grounder found a point without an element.</summary>
    [JsonPropertyName("candidate_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CandidateId { get; init; }

    /// <summary>ARIA role, e.g. <c>button</c>.</summary>
    [JsonPropertyName("role")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    /// <summary>Accessible name (page text, truncated to 80 characters).</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The box as <c>[x, y, width, height]</c> in viewport CSS pixels, rounded.</summary>
    [JsonPropertyName("box")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? Box { get; init; }

    /// <summary>The click point as <c>[x, y]</c> in viewport CSS pixels, rounded.</summary>
    [JsonPropertyName("point")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? Point { get; init; }

    /// <summary>The grounder's reason, or why nothing was found.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }
}
