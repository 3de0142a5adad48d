using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Parsing;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Describe;

/// <summary>
/// Asks a vision model what is at a point of a screenshot (the reverse of grounding): the screenshot (resized with
/// <see cref="ScaledImage.FitLongestSide"/>) and the point on the 0-999 grid go out with the prompt
/// <c>Prompts/Gui/describe-point.md</c>; the answer <c>role 'text'</c> is read by <see cref="Parse"/>. Chat options are
/// cloned, never mutated. Thread-safe if the chat client is.
/// </summary>
public sealed partial class PointDescriber
{
    /// <summary>The longest image side sent by default: 1024 pixels, as the vision grounder.</summary>
    public const int DefaultLongestSide = 1024;

    /// <summary>The answer length limit used when the caller's options leave it unset: 24 tokens.</summary>
    public const int DefaultMaxOutputTokens = 24;

    /// <summary>Longest text kept in a formatted answer; longer text is cut with "...".</summary>
    public const int MaxTextLength = 40;

    private readonly IChatClient _client;
    private readonly int _longestSide;

    /// <summary>Creates the describer.</summary>
    /// <param name="client">The vision model; not owned.</param>
    /// <param name="longestSide">The longest side of the image sent, in pixels: from 64 to 4096; <see cref="DefaultLongestSide"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="longestSide"/> is out of range.</exception>
    public PointDescriber(IChatClient client, int longestSide = DefaultLongestSide)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(longestSide, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(longestSide, 4096);
        _client = client;
        _longestSide = longestSide;
    }

    /// <summary>Composes the question about <paramref name="point"/> without asking the model.</summary>
    /// <param name="screenshot">The screenshot, in CSS scale.</param>
    /// <param name="point">The point, in viewport CSS pixels.</param>
    /// <param name="modelOptions">Options for the model (cloned; e.g. visual-token pruning); null for none.</param>
    /// <returns>The messages, options and geometry.</returns>
    public PointDescriptionQuery Compose(PageScreenshot screenshot, CssPoint point, ChatOptions? modelOptions = null)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        var image = ScaledImage.FitLongestSide(screenshot, _longestSide);
        var (x, y) = image.FromCss(point);
        var gridX = GroundingAnswerParser.PixelToGrid(x, image.Image.Width);
        var gridY = GroundingAnswerParser.PixelToGrid(y, image.Image.Height);
        var prompt = GroundingPrompt.Fill(
            GroundingPrompt.Template(GroundingPrompt.DescribePoint),
            ("width", image.Image.Width),
            ("height", image.Image.Height),
            ("x", gridX),
            ("y", gridY));
        var options = GroundingChat.Options(modelOptions, 0, DefaultMaxOutputTokens);
        return new PointDescriptionQuery(GroundingChat.Messages(prompt, image.Image), options, image, gridX, gridY);
    }

    /// <summary>Asks the model what is at <paramref name="point"/>.</summary>
    /// <param name="screenshot">The screenshot, in CSS scale.</param>
    /// <param name="point">The point, in viewport CSS pixels.</param>
    /// <param name="modelOptions">Options for the model (cloned); null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The description, or null when the model answered none or an unreadable answer (a failed call counts as unreadable).</returns>
    public async Task<PointDescription?> DescribeAsync(PageScreenshot screenshot, CssPoint point, ChatOptions? modelOptions = null, CancellationToken cancellationToken = default)
    {
        var query = Compose(screenshot, point, modelOptions);
        var raw = await GroundingChat.AskAsync(_client, query.Messages, query.Options, cancellationToken).ConfigureAwait(false);
        return Parse(raw);
    }

    /// <summary>Reads an answer <c>role 'text'</c> (or a bare role); <c>none</c>, empty or malformed answers give null.</summary>
    /// <param name="answer">The model's text.</param>
    /// <returns>The description, with the role in lower case; or null.</returns>
    public static PointDescription? Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var match = AnswerPattern().Match(answer.Trim());
        if (!match.Success || match.Groups["role"].Value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new PointDescription(match.Groups["role"].Value.ToLowerInvariant(), match.Groups["text"].Success ? match.Groups["text"].Value : string.Empty);
    }

    /// <summary>The answer text for a role and text: <c>role 'text'</c>, the text on one line, straight quotes turned to ’, cut at <see cref="MaxTextLength"/>.</summary>
    /// <param name="role">The role (lower-cased).</param>
    /// <param name="text">The text; empty for a bare role.</param>
    /// <returns>For example <c>button 'Sign in'</c>, or <c>checkbox</c> without text.</returns>
    public static string Format(string role, string text)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(text);
        var clean = string.Join(' ', text.Replace('\'', '’').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length > MaxTextLength)
        {
            clean = string.Concat(clean.AsSpan(0, MaxTextLength - 3), "...");
        }

        var name = role.Trim().ToLowerInvariant();
        return clean.Length == 0 ? name : $"{name} '{clean}'";
    }

    [GeneratedRegex(@"^(?<role>[A-Za-z][A-Za-z_-]*)(?:\s+'(?<text>[^'\r\n]*)')?\s*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerPattern();
}
