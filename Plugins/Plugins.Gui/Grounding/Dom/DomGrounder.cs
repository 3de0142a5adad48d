using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Grounding.Dom;

/// <summary>
/// The <c>dom</c> grounder: ranks the page observer's DOM candidates (<see cref="Seeing.PageObservation.Candidates"/>)
/// against the instruction with <see cref="CandidateMatcher"/> (role, name, text, label, title, placeholder, value,
/// lexical and embedding similarity, position, ordinal and colour words) and answers the best candidate's box centre.
/// </summary>
/// <remarks>
/// A hit carries the candidate, a confidence (the score, capped at 1, reduced when the runner-up is close) and the
/// matcher's reason. A page without candidates, or a best score under <see cref="DomGrounderOptions.MinScore"/>, is a
/// miss. Thread-safe; the embedding cache is shared by all calls of one instance.
/// </remarks>
public sealed partial class DomGrounder : IGrounder
{
    private readonly CandidateMatcher _matcher;
    private readonly DomGrounderOptions _options;
    private readonly ILogger<DomGrounder> _logger;

    /// <summary>Creates the grounder.</summary>
    /// <param name="embeddings">Text embeddings for semantic matching ("sign in" finds "Log in"); null for lexical matching only. Not owned.</param>
    /// <param name="options">Options, copied and validated; null for the defaults.</param>
    /// <param name="logger">Logs each grounding's timing and choice at Debug; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DomGrounder(IEmbeddingGenerator<string, Embedding<float>>? embeddings = null, DomGrounderOptions? options = null, ILogger<DomGrounder>? logger = null)
    {
        _options = options?.Clone() ?? new DomGrounderOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<DomGrounder>.Instance;
        _matcher = new CandidateMatcher(_options.UseEmbeddings ? embeddings : null, _options.Matching);
    }

    /// <inheritdoc />
    public string Name => "dom";

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async Task<GroundingResult> GroundAsync(GroundingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var page = request.Page;
        if (page.Candidates.Count == 0)
        {
            return GroundingResult.Miss("The page has no DOM candidates (an image, a canvas, or nothing visible); use the ocr or vision grounder.");
        }

        var viewport = new CssSize(page.Screenshot.Width, page.Screenshot.Height);
        var ranked = await _matcher.RankAsync(request.Instruction, page.Candidates, viewport, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (ranked.Count == 0)
        {
            LogMiss(_logger, request.Instruction, page.Candidates.Count, elapsed.TotalMilliseconds, 0);
            return GroundingResult.Miss("None of the page's DOM candidates has a visible box.");
        }

        var best = ranked[0];
        if (best.Score < _options.MinScore)
        {
            LogMiss(_logger, request.Instruction, page.Candidates.Count, elapsed.TotalMilliseconds, best.Score);
            return GroundingResult.Miss(string.Create(
                CultureInfo.InvariantCulture,
                $"No candidate matches '{request.Instruction}' well enough: the best, {Describe(best)}, scored {best.Score:0.00}, under the threshold {_options.MinScore:0.00} ({best.Reason})."));
        }

        var runnerUp = ranked.Skip(1).FirstOrDefault(r => !SameTarget(r, best));
        var margin = runnerUp is null ? 1 : best.Score - runnerUp.Score;
        var confidence = Math.Min(1, best.Score) * (0.6 + (0.4 * Math.Clamp(margin / 0.2, 0, 1)));
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{Describe(best)}: {best.Reason}{(runnerUp is null ? string.Empty : $"; runner-up {Describe(runnerUp)} at {runnerUp.Score:0.00}")}");
        LogHit(_logger, request.Instruction, best.Candidate.Id, best.Score, margin, page.Candidates.Count, elapsed.TotalMilliseconds);
        return GroundingResult.Hit(best.Candidate.Box.Center, best.Candidate, confidence, reason);
    }

    private static bool SameTarget(CandidateScore other, CandidateScore best) =>
        other.Candidate.Box.Contains(best.Candidate.Box.Center) && best.Candidate.Box.Contains(other.Candidate.Box.Center);

    private static string Describe(CandidateScore score) =>
        string.Create(CultureInfo.InvariantCulture, $"#{score.Candidate.Id} {score.Candidate.Role} '{score.Candidate.Name}'");

    [LoggerMessage(Level = LogLevel.Debug, Message = "dom grounding '{Instruction}': candidate #{Id} score {Score:0.00} margin {Margin:0.00} among {Candidates} candidates in {Milliseconds:0.0} ms")]
    private static partial void LogHit(ILogger logger, string instruction, int id, double score, double margin, int candidates, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "dom grounding '{Instruction}': miss among {Candidates} candidates in {Milliseconds:0.0} ms (best score {Score:0.00})")]
    private static partial void LogMiss(ILogger logger, string instruction, int candidates, double milliseconds, double score);
}
