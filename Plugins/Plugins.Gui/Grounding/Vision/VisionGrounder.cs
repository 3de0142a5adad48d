using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding.Parsing;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Vision;

/// <summary>
/// The <c>vision</c> grounder: shows the screenshot (resized with <see cref="ScaledImage"/>, sent as <c>image/png</c>
/// <see cref="DataContent"/>) and the instruction to a vision model behind an <see cref="IChatClient"/>, with the prompt
/// <c>Prompts/Gui/vision-grounding.md</c>, and reads a point <c>(x,y)</c> or a box <c>[x1,y1,x2,y2]</c> in the model's
/// coordinates (<see cref="VisionGrounderOptions.Coordinates"/>: the 0-999 grid by default, pixels of the resized image
/// for Qwen2.5-VL) with <see cref="GroundingAnswerParser"/>; the answer is mapped back through the image's scale to
/// viewport CSS pixels.
/// A malformed answer is a miss, never a guess.
/// </summary>
/// <remarks>
/// <para>
/// Tall or wide screens are asked about tile by tile (Ferret-UI, <see cref="ScreenTiler"/>); tiles that answer "none"
/// or malformed are dropped; hits that agree (within 24 CSS pixels) make a hit, hits that disagree a miss. With
/// <see cref="VisionGrounderOptions.ZoomPass"/>, a small answered box (or a bare point) is asked again on an enlarged
/// crop around it, and the refined answer replaces the first when it parses.
/// </para>
/// <para>
/// The request's <see cref="GroundingRequest.ModelOptions"/> are cloned, never mutated; their
/// <see cref="ChatOptions.AdditionalProperties"/> (visual-token pruning for the local engine) travel with the copy.
/// A hit's confidence is 0.5 (0.55 for a box): the model gives no score. Thread-safe if the chat client is.
/// </para>
/// </remarks>
public sealed partial class VisionGrounder : IGrounder
{
    private const double AgreeDistance = 24;

    private readonly IChatClient _client;
    private readonly VisionGrounderOptions _options;
    private readonly ScreenTiler _tiler;
    private readonly ILogger<VisionGrounder> _logger;

    /// <summary>Creates the grounder.</summary>
    /// <param name="client">The vision model; not owned (not disposed).</param>
    /// <param name="options">Options, copied and validated; null for the defaults.</param>
    /// <param name="logger">Logs each answer at Debug; null for none.</param>
    public VisionGrounder(IChatClient client, VisionGrounderOptions? options = null, ILogger<VisionGrounder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options?.Clone() ?? new VisionGrounderOptions();
        _options.Validate();
        _tiler = new ScreenTiler(_options.Tiling);
        _logger = logger ?? NullLogger<VisionGrounder>.Instance;
    }

    /// <inheritdoc />
    public string Name => "vision";

    /// <summary>
    /// Composes the questions <see cref="GroundAsync"/> sends for <paramref name="request"/> without asking the model: one
    /// per tile (one for the whole screen when it is not tiled), with the messages and options exactly as sent and the
    /// geometry that maps the answer back to CSS pixels. The zoom pass (<see cref="VisionGrounderOptions.ZoomPass"/>)
    /// depends on the first answer and is not included.
    /// </summary>
    /// <param name="request">The instruction and the page.</param>
    /// <param name="cancellationToken">Cancels the composition.</param>
    /// <returns>The tile questions, in the order they are asked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public Task<IReadOnlyList<VisionTileQuery>> ComposeAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var screenshot = request.Page.Screenshot;
        var chatOptions = GroundingChat.Options(request.ModelOptions, _options.Temperature, _options.MaxOutputTokens);
        var tiles = _options.UseTiling ? _tiler.Split(screenshot) : [ScaledImage.Whole(screenshot)];
        IReadOnlyList<VisionTileQuery> queries = [.. tiles.Select(tile => Compose(request.Instruction, tile, chatOptions))];
        return Task.FromResult(queries);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var screenshot = request.Page.Screenshot;
        var queries = await ComposeAsync(request, cancellationToken).ConfigureAwait(false);

        var hits = new List<(CssPoint Point, CssRect? Box, GroundingAnswer Answer, string Raw, int Tile)>();
        var misses = new List<string>();
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            var (answer, text) = await AskAsync(query, cancellationToken).ConfigureAwait(false);
            LogAnswer(_logger, request.Instruction, i, text);
            if (!answer.IsHit)
            {
                misses.Add(queries.Count == 1 ? answer.Reason : $"tile {i + 1}: {answer.Reason}");
                if (queries.Count == 1)
                {
                    return GroundingResult.Miss($"The model's answer is unusable: {answer.Reason}", text);
                }

                continue;
            }

            hits.Add((query.ToCss(answer.X, answer.Y), BoxToCss(query, answer), answer, text, i));
        }

        if (hits.Count == 0)
        {
            return GroundingResult.Miss($"No tile gave a usable answer ({string.Join("; ", misses)}).", string.Join(" | ", misses));
        }

        var first = hits[0];
        if (hits.Any(h => h.Point.DistanceTo(first.Point) > AgreeDistance))
        {
            return GroundingResult.Miss(
                $"The tiles' answers disagree ({string.Join("; ", hits.Select(h => $"tile {h.Tile + 1}: {h.Point}"))}); not guessing between them.",
                string.Join(" | ", hits.Select(h => h.Raw)));
        }

        var point = first.Point;
        var reason = $"{first.Answer.Reason} -> {point} in CSS pixels{(queries.Count > 1 ? $" (tile {first.Tile + 1} of {queries.Count})" : string.Empty)}";
        var raw = first.Raw;
        var small = first.Box is not { } box || box.Height < _options.ZoomBelowHeight;
        if (_options.ZoomPass && small)
        {
            var window = ImageCrop.Around(
                screenshot,
                point,
                Math.Max(64, screenshot.Width * _options.ZoomWindow),
                Math.Max(64, screenshot.Height * _options.ZoomWindow),
                1);
            var zoomQuery = Compose(request.Instruction, window, queries[0].Options);
            var (zoomed, zoomRaw) = await AskAsync(zoomQuery, cancellationToken).ConfigureAwait(false);
            raw += " | zoom: " + zoomRaw;
            if (zoomed.IsHit)
            {
                point = zoomQuery.ToCss(zoomed.X, zoomed.Y);
                reason += $"; refined by a zoomed pass on {window.Region} to {point} ({zoomed.Reason})";
            }
            else
            {
                reason += $"; the zoomed pass gave no usable answer ({zoomed.Reason}), the first answer stands";
            }
        }

        return GroundingResult.Hit(point, null, first.Answer.Kind == GroundingAnswerKind.Box ? 0.55 : 0.5, reason, raw);
    }

    /// <summary>The question about <paramref name="region"/>: the region's image resized for the model, and the filled prompt.</summary>
    private VisionTileQuery Compose(string instruction, ScaledImage region, ChatOptions chatOptions)
    {
        var image = _options.ExactWidth is { } width && _options.ExactHeight is { } height
            ? ScaledImage.Resize(region.Image, width, height)
            : ScaledImage.FitLongestSide(region.Image, _options.LongestSide, _options.AllowUpscale);
        var frame = _options.Coordinates.FrameFor(image.Image.Width, image.Image.Height);
        var prompt = GroundingPrompt.Fill(
            GroundingPrompt.Template(GroundingPrompt.Vision),
            ("instruction", instruction),
            ("width", frame.SeenWidth),
            ("height", frame.SeenHeight),
            ("coordinates", frame.Description),
            ("example_point", frame.ExamplePoint),
            ("example_box", frame.ExampleBox));
        return new VisionTileQuery(GroundingChat.Messages(prompt, image.Image), chatOptions, region, image, frame);
    }

    private async Task<(GroundingAnswer Answer, string Raw)> AskAsync(VisionTileQuery query, CancellationToken cancellationToken)
    {
        var raw = await GroundingChat.AskAsync(_client, query.Messages, query.Options, cancellationToken).ConfigureAwait(false);
        return (GroundingAnswerParser.Parse(raw, query.Coordinates), raw);
    }

    private static CssRect? BoxToCss(VisionTileQuery query, GroundingAnswer answer)
    {
        if (answer.Box is not { } box)
        {
            return null;
        }

        var a = query.ToCss(box.Left, box.Top);
        var b = query.ToCss(box.Right, box.Bottom);
        return CssRect.FromCorners(a.X, a.Y, b.X, b.Y);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "vision grounding '{Instruction}' tile {Tile}: model answered '{Answer}'")]
    private static partial void LogAnswer(ILogger logger, string instruction, int tile, string answer);
}
