using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// The <c>ocr</c> grounder, pixels only (OmniParser's recipe without its detector): reads the screenshot's text with an
/// <see cref="IOcrEngine"/> (Ferret-UI tiles for tall or wide screens), offers every line and every span of consecutive
/// words as a <see cref="CandidateSource.Ocr"/> candidate, ranks them with <see cref="CandidateMatcher"/> (lexical and
/// embedding similarity, position, ordinal and colour words) and answers the best one's box centre. A best match lower
/// than <see cref="OcrGrounderOptions.ZoomBelowHeight"/> is read again in an enlarged crop to refine its box.
/// </summary>
/// <remarks>
/// It never looks at the DOM, so it works on a canvas, an image or a remote desktop
/// (<see cref="PageObservation.FromImage"/>). OCR results are cached by the screenshot's bytes, so several instructions
/// on one screenshot pay for OCR once. Thread-safe; the engine is not owned (not disposed).
/// </remarks>
public sealed partial class OcrGrounder : IGrounder
{
    private readonly CachingOcrEngine _engine;
    private readonly CandidateMatcher _matcher;
    private readonly ScreenTiler _tiler;
    private readonly OcrGrounderOptions _options;
    private readonly ILogger<OcrGrounder> _logger;

    /// <summary>Creates the grounder.</summary>
    /// <param name="engine">The OCR engine, e.g. a <see cref="TesseractOcrEngine"/>; not owned.</param>
    /// <param name="embeddings">Text embeddings for semantic matching; null for lexical matching only. Not owned.</param>
    /// <param name="options">Options, copied and validated; null for the defaults.</param>
    /// <param name="logger">Logs each grounding's timing and choice at Debug; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public OcrGrounder(
        IOcrEngine engine,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        OcrGrounderOptions? options = null,
        ILogger<OcrGrounder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _options = options?.Clone() ?? new OcrGrounderOptions();
        _options.Validate();
        _engine = engine as CachingOcrEngine ?? new CachingOcrEngine(engine, _options.CacheCapacity);
        _matcher = new CandidateMatcher(embeddings, _options.Matching);
        _tiler = new ScreenTiler(_options.Tiling);
        _logger = logger ?? NullLogger<OcrGrounder>.Instance;
    }

    /// <inheritdoc />
    public string Name => "ocr";

    /// <summary>OCR of a whole screenshot in viewport CSS pixels, tiled and cached as for grounding (the hybrid grounder uses it too).</summary>
    /// <param name="screenshot">The screenshot.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task<OcrResult> ReadAsync(PageScreenshot screenshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        return TiledOcr.RecognizeAsync(_engine, screenshot, _tiler, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var screenshot = request.Page.Screenshot;
        var text = await ReadAsync(screenshot, cancellationToken).ConfigureAwait(false);
        var candidates = OcrCandidates.Build(text, _options.MaxSpanWords);
        if (candidates.Count == 0)
        {
            return GroundingResult.Miss("OCR found no text in the screenshot.");
        }

        var viewport = new CssSize(screenshot.Width, screenshot.Height);
        var parsed = InstructionParser.Parse(request.Instruction);

        // The pixel readers (button-like surroundings, a field beside its label) share one decode, made only if asked.
        SKBitmap? decoded = null;
        SKBitmap Pixels() => decoded ??= ImageCodec.Decode(screenshot);
        try
        {
            return await GroundAsync(request, parsed, candidates, viewport, Pixels, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            decoded?.Dispose();
        }
    }

    private async Task<GroundingResult> GroundAsync(
        GroundingRequest request,
        ParsedInstruction parsed,
        IReadOnlyList<GuiCandidate> candidates,
        CssSize viewport,
        Func<SKBitmap> pixels,
        long started,
        CancellationToken cancellationToken)
    {
        var screenshot = request.Page.Screenshot;
        var ranked = ControlLikeness.Prefer(
            parsed,
            pixels,
            SpanPreference.Reorder(
                request.Instruction,
                await _matcher.RankAsync(parsed, candidates, viewport, cancellationToken).ConfigureAwait(false)));
        if (ranked.Count == 0 || ranked[0].Score < _options.MinScore)
        {
            var best = ranked.Count == 0 ? null : ranked[0];
            LogMiss(_logger, request.Instruction, candidates.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, best?.Score ?? 0);
            return GroundingResult.Miss(best is null
                ? "OCR text has no usable boxes."
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"No OCR text matches '{request.Instruction}' well enough: the best, '{best.Candidate.Name}' at {best.Candidate.Box}, scored {best.Score:0.00}, under the threshold {_options.MinScore:0.00} ({best.Reason})."));
        }

        var top = ranked[0];
        var chosen = top.Candidate;
        var note = string.Empty;
        if (_options.ZoomBelowHeight > 0 && chosen.Box.Height < _options.ZoomBelowHeight)
        {
            var refined = await ZoomAsync(request.Instruction, screenshot, chosen, viewport, cancellationToken).ConfigureAwait(false);
            if (refined is not null)
            {
                note = string.Create(CultureInfo.InvariantCulture, $"; box refined by a {_options.ZoomScale:0.#}x zoomed pass from {chosen.Box} to {refined.Box}");
                chosen = chosen with { Box = refined.Box, Name = refined.Name, Confidence = Math.Max(chosen.Confidence, refined.Confidence) };
            }
        }

        if (LabelledField.AsksForField(parsed) && LabelledField.Find(pixels(), chosen.Box) is { } field)
        {
            note += $"; the instruction names a field, so the point is the input box beside this label, seen in the pixels at {field}";
            chosen = chosen with { Box = field, Role = "textbox" };
        }

        var runnerUp = ranked.Skip(1).FirstOrDefault(r => !r.Candidate.Box.Contains(top.Candidate.Box.Center));
        var margin = runnerUp is null ? 1 : top.Score - runnerUp.Score;
        var confidence = Math.Min(1, top.Score) * (0.6 + (0.4 * Math.Clamp(margin / 0.2, 0, 1))) * (0.5 + (0.5 * chosen.Confidence));
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"OCR text '{chosen.Name}' at {chosen.Box} (OCR confidence {chosen.Confidence:0.00}): {top.Reason}{note}{(runnerUp is null ? string.Empty : $"; runner-up '{runnerUp.Candidate.Name}' at {runnerUp.Score:0.00}")}");
        LogHit(_logger, request.Instruction, chosen.Name, top.Score, candidates.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return GroundingResult.Hit(chosen.Box.Center, chosen, confidence, reason);
    }

    private async Task<GuiCandidate?> ZoomAsync(string instruction, PageScreenshot screenshot, GuiCandidate first, CssSize viewport, CancellationToken cancellationToken)
    {
        var window = ImageCrop.Around(
            screenshot,
            first.Box.Center,
            Math.Max(first.Box.Width * 3, 160),
            Math.Max(first.Box.Height * 6, 60),
            _options.ZoomScale);
        var zoomed = await _engine.RecognizeAsync(window.Image, cancellationToken).ConfigureAwait(false);
        var lines = zoomed.Lines.Select(l => TiledOcr.Move(l, window)).ToList();
        var candidates = OcrCandidates.Build(new OcrResult([.. lines.SelectMany(l => l.Words)], lines), _options.MaxSpanWords);
        if (candidates.Count == 0)
        {
            return null;
        }

        var ranked = SpanPreference.Reorder(instruction, await _matcher.RankAsync(instruction, candidates, viewport, cancellationToken).ConfigureAwait(false));
        var best = ranked.FirstOrDefault(r => r.Score >= _options.MinScore && r.Candidate.Box.IntersectionOverUnion(first.Box) > 0.2);
        return best?.Candidate;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ocr grounding '{Instruction}': '{Text}' score {Score:0.00} among {Candidates} candidates in {Milliseconds:0.0} ms")]
    private static partial void LogHit(ILogger logger, string instruction, string text, double score, int candidates, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ocr grounding '{Instruction}': miss among {Candidates} candidates in {Milliseconds:0.0} ms (best score {Score:0.00})")]
    private static partial void LogMiss(ILogger logger, string instruction, int candidates, double milliseconds, double score);
}
