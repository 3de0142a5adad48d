using System.Text.Json.Serialization;

namespace Plugins.Gui.Actions;

/// <summary>
/// What an action did, for a model: whether it succeeded, a one-line message, the verified effect and where the page
/// is now. Serialised compactly (snake_case names, null members left out).
/// </summary>
public sealed record ActionResult
{
    /// <summary>Whether the action ran (an action that ran but had no visible effect still succeeded).</summary>
    [JsonPropertyName("success")]
    public required bool Success { get; init; }

    /// <summary>What was done, or why nothing was done.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>The effect observed afterwards (navigation, DOM change, value, scroll, screen change, or "no visible effect").</summary>
    [JsonPropertyName("effect")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Effect { get; init; }

    /// <summary>The page's URL after the action.</summary>
    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>The candidate acted on, when it came from an observation.</summary>
    [JsonPropertyName("candidate_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CandidateId { get; init; }

    /// <summary>A failed result with <paramref name="message"/>.</summary>
    /// <param name="message">Why nothing (or not everything) was done.</param>
    /// <param name="url">The page's URL.</param>
    public static ActionResult Fail(string message, string? url = null) => new() { Success = false, Message = message, Url = url };

    /// <inheritdoc />
    public override string ToString() =>
        (Success ? "ok: " : "failed: ") + Message + (Effect is null ? string.Empty : "; " + Effect);
}
