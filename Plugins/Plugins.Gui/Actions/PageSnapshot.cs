using System.Text.Json.Serialization;

namespace Plugins.Gui.Actions;

/// <summary>
/// The answer of <c>screenshot</c>: what the stored screenshot shows, without the image bytes, and the visible
/// interactive elements with their candidate ids (wrapped as untrusted page content).
/// </summary>
public sealed record PageSnapshot
{
    /// <summary>The page's URL.</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>Screenshot width in CSS pixels (= image pixels).</summary>
    [JsonPropertyName("width")]
    public required int Width { get; init; }

    /// <summary>Screenshot height in CSS pixels.</summary>
    [JsonPropertyName("height")]
    public required int Height { get; init; }

    /// <summary>Device pixels per CSS pixel.</summary>
    [JsonPropertyName("device_pixel_ratio")]
    public required double DevicePixelRatio { get; init; }

    /// <summary>Scroll offset of the page as <c>[x, y]</c> CSS pixels.</summary>
    [JsonPropertyName("scroll")]
    public required int[] Scroll { get; init; }

    /// <summary>How many candidates the observation holds (interactive and static).</summary>
    [JsonPropertyName("candidates")]
    public required int Candidates { get; init; }

    /// <summary>One line per visible interactive element, <c>id role "name" [x,y wxh]</c>, inside untrusted-content markers.</summary>
    [JsonPropertyName("elements")]
    public required string Elements { get; init; }

    /// <summary>Where the image went and what the ids refer to.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
