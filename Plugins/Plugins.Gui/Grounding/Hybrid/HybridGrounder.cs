using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Grounding.Parsing;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Hybrid;

/// <summary>
/// The <c>hybrid</c> grounder (set-of-mark prompting): the page's DOM candidates plus OCR lines (when an
/// <see cref="IOcrEngine"/> is given; an OCR box mostly inside a DOM candidate's box with similar text is dropped as a
/// duplicate) are numbered, the best <see cref="HybridGrounderOptions.MaxMarks"/> (by <see cref="CandidateMatcher"/>
/// when given) are drawn on the screenshot with <see cref="SetOfMarkRenderer"/> and listed in the prompt
/// (<c>Prompts/Gui/hybrid-grounding.md</c>) as <c>[id] role 'name'</c>, and the vision model answers a mark id or a
/// point in its coordinates (<see cref="HybridGrounderOptions.Coordinates"/>, the 0-999 grid by default). A point snaps
/// to the smallest candidate that contains it.
/// </summary>
/// <remarks>
/// A malformed answer is a miss, unless <see cref="HybridGrounderOptions.FallbackToMatcher"/> (by default on when a
/// matcher is given) answers the matcher's best candidate instead, with a reason that starts with "Fallback to matcher".
/// The result's candidate is the original one (its DOM id and element reference), not the renumbered mark. Chat options
/// are cloned, never mutated. Thread-safe if the chat client, the engine and the matcher are.
/// </remarks>
public sealed partial class HybridGrounder : IGrounder
{
    /// <summary>The start of the reason of a result that the matcher chose because the model's answer was unusable.</summary>
    public const string FallbackReasonPrefix = "Fallback to matcher";

    private readonly IChatClient _client;
    private readonly CachingOcrEngine? _ocr;
    private readonly CandidateMatcher? _matcher;
    private readonly HybridGrounderOptions _options;
    private readonly ScreenTiler _tiler;
    private readonly bool _fallback;
    private readonly ILogger<HybridGrounder> _logger;

    /// <summary>Creates the grounder.</summary>
    /// <param name="client">The vision model; not owned.</param>
    /// <param name="ocr">OCR for text the DOM does not expose (a canvas, an image); null for DOM candidates only. Not owned.</param>
    /// <param name="matcher">Pre-ranks the candidates so the best are marked, and answers when the model's answer is malformed (see <see cref="HybridGrounderOptions.FallbackToMatcher"/>); null for neither.</param>
    /// <param name="options">Options, copied and validated; null for the defaults.</param>
    /// <param name="logger">Logs each answer at Debug; null for none.</param>
    public HybridGrounder(
        IChatClient client,
        IOcrEngine? ocr = null,
        CandidateMatcher? matcher = null,
        HybridGrounderOptions? options = null,
        ILogger<HybridGrounder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options?.Clone() ?? new HybridGrounderOptions();
        _options.Validate();
        _ocr = ocr is null ? null : ocr as CachingOcrEngine ?? new CachingOcrEngine(ocr);
        _matcher = matcher;
        _fallback = (_options.FallbackToMatcher ?? matcher is not null) && matcher is not null;
        _tiler = new ScreenTiler(_options.Tiling);
        _logger = logger ?? NullLogger<HybridGrounder>.Instance;
    }

    /// <inheritdoc />
    public string Name => "hybrid";

    /// <summary>
    /// Composes the question <see cref="GroundAsync"/> sends for <paramref name="request"/> without asking the model:
    /// gathers the candidates (DOM, plus OCR when an engine is given), ranks them with the matcher, draws and lists the marks.
    /// </summary>
    /// <param name="request">The instruction and the page.</param>
    /// <param name="cancellationToken">Cancels OCR and ranking.</param>
    /// <returns>The question, or null when there are no candidates to mark.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async Task<HybridQuery?> ComposeAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var screenshot = request.Page.Screenshot;
        var all = await CandidatesAsync(request.Page, cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            return null;
        }

        IReadOnlyList<CandidateScore>? ranked = null;
        if (_matcher is not null)
        {
            ranked = await _matcher.RankAsync(request.Instruction, all, new CssSize(screenshot.Width, screenshot.Height), cancellationToken).ConfigureAwait(false);
        }

        var chosen = ranked is not null
            ? ranked.Take(_options.MaxMarks).Select(r => r.Candidate).ToList()
            : [.. all.OrderByDescending(c => c.Source == CandidateSource.Dom && c.IsInteractive).ThenBy(c => c.Source).Take(_options.MaxMarks)];
        if (_options.NumberMarksInReadingOrder)
        {
            chosen = ReadingOrder.Sort(chosen, c => c.Box);
        }

        var marks = chosen.Select((c, i) => c with { Id = i + 1 }).ToList();
        var marked = SetOfMarkRenderer.Render(screenshot, marks, _options.Marks);
        var image = ScaledImage.FitLongestSide(marked, _options.LongestSide);
        var frame = _options.Coordinates.FrameFor(image.Image.Width, image.Image.Height);
        var prompt = GroundingPrompt.Fill(
            GroundingPrompt.Template(GroundingPrompt.Hybrid),
            ("instruction", request.Instruction),
            ("width", frame.SeenWidth),
            ("height", frame.SeenHeight),
            ("marks", MarkList(marks)),
            ("point_coordinates", frame.PointDescription));
        var chatOptions = GroundingChat.Options(request.ModelOptions, _options.Temperature, _options.MaxOutputTokens);
        return new HybridQuery(GroundingChat.Messages(prompt, image.Image), chatOptions, image, marks, chosen, all, ranked, frame);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = await ComposeAsync(request, cancellationToken).ConfigureAwait(false);
        if (query is null)
        {
            return GroundingResult.Miss("There are no candidates to mark: the page has no DOM candidates and OCR found no text (or no OCR engine was given).");
        }

        var (image, marks, chosen, all, ranked) = (query.Image, query.Marks, query.Originals, query.Candidates, query.Ranked);
        var raw = await GroundingChat.AskAsync(_client, query.Messages, query.Options, cancellationToken).ConfigureAwait(false);
        LogAnswer(_logger, request.Instruction, marks.Count, raw);
        var answer = GroundingAnswerParser.Parse(raw, query.Coordinates, [.. marks.Select(m => m.Id)]);

        if (answer.Kind == GroundingAnswerKind.Mark)
        {
            var original = chosen[answer.MarkId!.Value - 1];
            return GroundingResult.Hit(original.Box.Center, original, 0.7, $"The model picked mark {answer.MarkId}: {Describe(original)}.", raw);
        }

        if (answer.IsHit)
        {
            var point = image.ToCss(answer.X, answer.Y);
            var container = all.Where(c => c.Box.Contains(point)).OrderBy(c => c.Box.Area).FirstOrDefault();
            return container is null
                ? GroundingResult.Hit(point, null, 0.4, $"{answer.Reason} -> {point}; no candidate contains it.", raw)
                : GroundingResult.Hit(container.Box.Center, container, 0.6, $"{answer.Reason} -> {point}, snapped to the smallest candidate containing it: {Describe(container)}.", raw);
        }

        if (_fallback && ranked is { Count: > 0 } && ranked[0].Score >= _options.FallbackMinScore)
        {
            var best = ranked[0];
            return GroundingResult.Hit(
                best.Candidate.Box.Center,
                best.Candidate,
                Math.Min(1, best.Score) * 0.5,
                string.Create(CultureInfo.InvariantCulture, $"{FallbackReasonPrefix}: the model's answer was unusable ({answer.Reason}); the matcher's best is {Describe(best.Candidate)} at {best.Score:0.00} ({best.Reason})."),
                raw);
        }

        return GroundingResult.Miss($"The model's answer is unusable: {answer.Reason}", raw);
    }

    private async Task<IReadOnlyList<GuiCandidate>> CandidatesAsync(PageObservation page, CancellationToken cancellationToken)
    {
        var dom = page.Candidates.Where(c => !c.Box.IsEmpty).ToList();
        if (_ocr is null)
        {
            return dom;
        }

        var text = await TiledOcr.RecognizeAsync(_ocr, page.Screenshot, _tiler, cancellationToken).ConfigureAwait(false);
        var nextId = dom.Count == 0 ? 1 : dom.Max(c => c.Id) + 1;
        var ocr = OcrCandidates.Build(text, _options.OcrSpanWords, nextId);
        var kept = ocr.Where(o => !dom.Any(d => IsDuplicate(o, d, _options.DuplicateOverlap))).ToList();
        return [.. dom, .. kept];
    }

    /// <summary>Whether an OCR candidate repeats a DOM candidate: its box mostly inside and its text similar to the DOM candidate's text.</summary>
    internal static bool IsDuplicate(GuiCandidate ocr, GuiCandidate dom, double overlap)
    {
        if (ocr.Box.Area <= 0 || ocr.Box.Intersect(dom.Box).Area / ocr.Box.Area < overlap)
        {
            return false;
        }

        foreach (var text in new[] { dom.Name, dom.Text, dom.Label, dom.Value, dom.Placeholder, dom.Title })
        {
            if (!string.IsNullOrWhiteSpace(text)
                && (Compact(text).Contains(Compact(ocr.Name), StringComparison.Ordinal) || LexicalSimilarity.Score(ocr.Name, text).Score >= 0.6))
            {
                return true;
            }
        }

        return false;
    }

    private static string Compact(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string MarkList(IReadOnlyList<GuiCandidate> marks)
    {
        var builder = new StringBuilder();
        foreach (var mark in marks)
        {
            var name = mark.Name.Length > 60 ? string.Concat(mark.Name.AsSpan(0, 57), "...") : mark.Name;
            builder.Append(CultureInfo.InvariantCulture, $"[{mark.Id}] {mark.Role} '{name.Replace('\'', '’').ReplaceLineEndings(" ")}'").Append('\n');
        }

        return builder.ToString().TrimEnd();
    }

    private static string Describe(GuiCandidate candidate) =>
        string.Create(CultureInfo.InvariantCulture, $"{candidate.Source} #{candidate.Id} {candidate.Role} '{candidate.Name}' at {candidate.Box}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "hybrid grounding '{Instruction}' with {Marks} marks: model answered '{Answer}'")]
    private static partial void LogAnswer(ILogger logger, string instruction, int marks, string answer);
}
