using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Scores candidates (DOM elements or OCR words and lines) against an instruction and ranks them, best first.
/// </summary>
/// <remarks>
/// <para>
/// The instruction is parsed by <see cref="InstructionParser"/>. Each candidate's score is the sum of:
/// a text score (the best <see cref="LexicalSimilarity"/> over its name, label, text, title, placeholder and value,
/// each field weighted, blended with the cosine similarity of embeddings of the target phrase and of the candidate's
/// description when an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> is given, or the embedding score alone
/// times <see cref="CandidateMatcherOptions.EmbeddingOnlyWeight"/> when that is higher); the role fit when the
/// instruction names a role ("button", "field"), positive or negative; the colour fit ("the red button", from the
/// computed background or text colour); and a small bonus for interactive elements when the instruction has an
/// action verb. Then position words ("top right") choose among the candidates close to the best, by where their box
/// centre lies relative to the group and to the viewport, and an ordinal ("the second") picks the n-th of the
/// candidates of the best's role within a small margin of it, in reading order (top to bottom, then left to right).
/// OCR candidates get no role or interactivity terms, since pixels carry neither.
/// </para>
/// <para>
/// Embeddings cost a model call, so they are computed only for the best <see cref="CandidateMatcherOptions.MaxEmbeddedCandidates"/>
/// candidates by the other terms, only when no candidate already matches well lexically
/// (<see cref="CandidateMatcherOptions.SkipEmbeddingsAboveLexical"/>), in one batched
/// <c>GenerateAsync</c> call for everything not in the bounded cache (keyed by the embedded text, so observing the
/// same page again costs little).
/// </para>
/// <para>Thread-safe: the caches are locked; <see cref="RankAsync(string, IReadOnlyList{GuiCandidate}, CssSize, CancellationToken)"/> may be called concurrently.</para>
/// </remarks>
public sealed class CandidateMatcher
{
    private const int MaxFieldLength = 200;

    /// <summary>Subtracted from a label element so that the control it labels ranks first.</summary>
    private const double LabelPenalty = 0.04;

    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly CandidateMatcherOptions _options;
    private readonly BoundedCache<float[]> _embeddingCache;
    private readonly BoundedCache<TextFeatures> _featureCache;

    /// <summary>Creates a matcher.</summary>
    /// <param name="embeddings">Text embeddings for semantic similarity; null for lexical matching only. Not owned (not disposed).</param>
    /// <param name="options">Weights and limits, copied and validated; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CandidateMatcher(IEmbeddingGenerator<string, Embedding<float>>? embeddings = null, CandidateMatcherOptions? options = null)
    {
        _options = options?.Clone() ?? new CandidateMatcherOptions();
        _options.Validate();
        _embeddings = embeddings;
        _embeddingCache = new BoundedCache<float[]>(_options.CacheCapacity);
        _featureCache = new BoundedCache<TextFeatures>(_options.CacheCapacity);
    }

    /// <summary>The number of embeddings held in the cache.</summary>
    public int CachedEmbeddings => _embeddingCache.Count;

    /// <summary>Ranks <paramref name="candidates"/> against <paramref name="instruction"/>, best first.</summary>
    /// <param name="instruction">What to find ("click the second Delete link").</param>
    /// <param name="candidates">The candidates; those with an empty box are left out of the result.</param>
    /// <param name="viewport">The viewport size, for position words.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <returns>Every candidate with a non-empty box, with its score and reason, best first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Task<IReadOnlyList<CandidateScore>> RankAsync(string instruction, IReadOnlyList<GuiCandidate> candidates, CssSize viewport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return RankAsync(InstructionParser.Parse(instruction), candidates, viewport, cancellationToken);
    }

    /// <summary>Ranks <paramref name="candidates"/> against an already parsed instruction, best first.</summary>
    /// <param name="instruction">The parsed instruction.</param>
    /// <param name="candidates">The candidates; those with an empty box are left out of the result.</param>
    /// <param name="viewport">The viewport size, for position words.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async Task<IReadOnlyList<CandidateScore>> RankAsync(ParsedInstruction instruction, IReadOnlyList<GuiCandidate> candidates, CssSize viewport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(candidates);
        var scored = new List<Scored>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (candidate is not null && !candidate.Box.IsEmpty)
            {
                scored.Add(new Scored(candidate));
            }
        }

        if (scored.Count == 0)
        {
            return [];
        }

        var target = Features(instruction.Target);
        var alternative = instruction.ColorWord is not null && !target.IsEmpty ? Features(instruction.ColorWord + " " + instruction.Target) : null;
        var context = instruction.IsExactPhrase && instruction.FullTarget.Length > instruction.Target.Length ? Features(instruction.FullTarget) : null;
        foreach (var item in scored)
        {
            ScoreLexical(item, target, alternative, context, instruction.IsExactPhrase);
            ScoreConstraints(item, instruction);
        }

        var usedEmbeddings = false;
        if (_embeddings is not null && !target.IsEmpty && _options.MaxEmbeddedCandidates > 0
            && !scored.Any(s => s.Lexical >= _options.SkipEmbeddingsAboveLexical))
        {
            usedEmbeddings = await ScoreEmbeddingsAsync(scored, instruction.EmbeddingText, cancellationToken).ConfigureAwait(false);
        }

        var weightSum = _options.LexicalWeight + _options.EmbeddingWeight;
        foreach (var item in scored)
        {
            double text;
            if (target.IsEmpty)
            {
                // Only role, colour and position words: a neutral start that the role fit moves up or down.
                text = 0.45;
            }
            else if (usedEmbeddings)
            {
                // The blend, or the embedding alone (discounted) when the words differ but the meaning is close
                // ("the padlock" and "Privacy"), so that a paraphrase can still reach the threshold.
                var embedding = item.Embedding ?? 0;
                var blend = ((_options.LexicalWeight * item.Lexical) + (_options.EmbeddingWeight * embedding)) / weightSum;
                text = Math.Max(blend, _options.EmbeddingOnlyWeight * embedding);
            }
            else
            {
                text = item.Lexical;
            }

            item.Score = text + item.Constraints;
        }

        if (instruction.Position is { } position)
        {
            ApplyPosition(scored, position, viewport);
        }

        if (instruction.Ordinal is { } ordinal)
        {
            ApplyOrdinal(scored, ordinal);
        }

        return
        [
            .. scored
                .OrderByDescending(s => s.Score)
                .ThenBy(s => s.Candidate.Id)
                .Select(s => new CandidateScore(s.Candidate, s.Score, Describe(s, instruction, usedEmbeddings))),
        ];
    }

    private TextFeatures Features(string? text)
    {
        text ??= string.Empty;
        if (text.Length > MaxFieldLength)
        {
            text = text[..MaxFieldLength];
        }

        return _featureCache.GetOrAdd(text, TextFeatures.Create);
    }

    private void ScoreLexical(Scored item, TextFeatures target, TextFeatures? alternative, TextFeatures? context, bool exact)
    {
        if (target.IsEmpty)
        {
            return;
        }

        var candidate = item.Candidate;
        Consider("name", candidate.Name, 1.0);
        Consider("label", candidate.Label, 0.95);
        Consider("text", candidate.Text, 0.9);
        Consider("title", candidate.Title, 0.9);
        Consider("placeholder", candidate.Placeholder, 0.85);
        Consider("value", candidate.Value, 0.6);

        void Consider(string field, string? value, double weight)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            var features = Features(value);
            var match = LexicalSimilarity.Score(target, features, exact);
            if (alternative is not null)
            {
                var other = LexicalSimilarity.Score(alternative, features, exact);
                if (other.Score > match.Score)
                {
                    match = other;
                }
            }

            // A quoted name with words around it ('delete the "draft" label'): the whole phrase, loosely, counts too.
            if (context is not null)
            {
                var other = LexicalSimilarity.Score(context, features, exactPhrase: false);
                if (0.95 * other.Score > match.Score)
                {
                    match = other with { Score = 0.95 * other.Score };
                }
            }

            var score = match.Score * weight;
            if (score > item.Lexical)
            {
                item.Lexical = score;
                item.LexicalField = field;
                item.LexicalText = value;
                item.LexicalKind = match.Kind;
            }
        }
    }

    private void ScoreConstraints(Scored item, ParsedInstruction instruction)
    {
        var candidate = item.Candidate;
        var isDom = candidate.Source == CandidateSource.Dom;
        double constraints = 0;
        if (isDom && instruction.Roles.Count > 0)
        {
            item.RoleFit = instruction.Roles.Max(r => RoleAffinity.Score(r, candidate));
            constraints += _options.RoleWeight * ((2 * item.RoleFit.Value) - 1);
        }
        else if (isDom && instruction.ImpliedRole is { } implied)
        {
            item.RoleFit = RoleAffinity.Score(implied, candidate);
            constraints += 0.5 * _options.RoleWeight * ((2 * item.RoleFit.Value) - 1);
        }

        if (instruction.Color is { } color)
        {
            if (ColorNames.FromCss(candidate.BackgroundColor) == color)
            {
                item.ColorFit = "background";
                constraints += _options.ColorWeight;
            }
            else if (ColorNames.FromCss(candidate.TextColor) == color)
            {
                item.ColorFit = "text";
                constraints += 0.7 * _options.ColorWeight;
            }
        }

        // A <label> is clickable, but the control it labels is the target ("the Plan dropdown", "check Remember me").
        if (isDom && candidate.Role == "label" && !(instruction.Roles.Count > 0 && instruction.Roles[0] == "label"))
        {
            constraints -= LabelPenalty;
        }

        var wantsStatic = instruction.Roles.Count > 0 && instruction.Roles[0] is "heading" or "image" or "list" or "row";
        if (isDom && !wantsStatic)
        {
            if (candidate.IsInteractive)
            {
                constraints += instruction.HasActionVerb ? _options.InteractiveBonus : _options.InteractiveBonus / 2;
            }
            else if (instruction.HasActionVerb)
            {
                item.NotInteractive = true;
                constraints -= _options.NonInteractivePenalty;
            }
        }

        item.Constraints = constraints;
    }

    private async Task<bool> ScoreEmbeddingsAsync(List<Scored> scored, string targetText, CancellationToken cancellationToken)
    {
        var chosen = scored
            .OrderByDescending(s => s.Lexical + s.Constraints)
            .Take(_options.MaxEmbeddedCandidates)
            .ToList();
        var descriptions = chosen.Select(s => Description(s.Candidate)).ToList();
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in descriptions.Prepend(targetText))
        {
            if (!_embeddingCache.TryGet(text, out _) && seen.Add(text))
            {
                missing.Add(text);
            }
        }

        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            var generated = await _embeddings!.GenerateAsync(missing, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (generated.Count != missing.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {generated.Count} embeddings for {missing.Count} inputs; it must return one per input, in order.");
            }

            for (var i = 0; i < missing.Count; i++)
            {
                var vector = generated[i].Vector.ToArray();
                fresh[missing[i]] = vector;
                _embeddingCache.Set(missing[i], vector);
            }
        }

        float[] Lookup(string text) => fresh.TryGetValue(text, out var v) ? v : _embeddingCache.TryGet(text, out v) ? v : [];

        var targetVector = Lookup(targetText);
        if (targetVector.Length == 0)
        {
            return false;
        }

        var range = _options.EmbeddingCeiling - _options.EmbeddingFloor;
        for (var i = 0; i < chosen.Count; i++)
        {
            var cosine = Cosine(targetVector, Lookup(descriptions[i]));
            chosen[i].Cosine = cosine;
            chosen[i].Embedding = Math.Clamp((cosine - _options.EmbeddingFloor) / range, 0, 1);
        }

        return true;
    }

    private string Description(GuiCandidate candidate)
    {
        var parts = new List<string>(6);
        foreach (var part in new[] { candidate.Source == CandidateSource.Dom ? candidate.Role : null, candidate.Name, candidate.Text, candidate.Label, candidate.Title, candidate.Placeholder })
        {
            if (!string.IsNullOrWhiteSpace(part) && !parts.Contains(part.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                parts.Add(part.Trim());
            }
        }

        var text = string.Join(' ', parts);
        return text.Length > _options.MaxDescriptionLength ? text[.._options.MaxDescriptionLength] : text;
    }

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length == 0 || a.Length != b.Length)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na <= 0 || nb <= 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private void ApplyPosition(List<Scored> scored, PositionHint position, CssSize viewport)
    {
        var best = scored.Max(s => s.Score);
        var group = scored.Where(s => s.Score >= best - _options.PositionMargin).ToList();
        var minX = group.Min(s => s.Candidate.Box.Center.X);
        var maxX = group.Max(s => s.Candidate.Box.Center.X);
        var minY = group.Min(s => s.Candidate.Box.Center.Y);
        var maxY = group.Max(s => s.Candidate.Box.Center.Y);
        var width = viewport.Width > 0 ? viewport.Width : Math.Max(1, scored.Max(s => s.Candidate.Box.Right));
        var height = viewport.Height > 0 ? viewport.Height : Math.Max(1, scored.Max(s => s.Candidate.Box.Bottom));
        foreach (var item in group)
        {
            var center = item.Candidate.Box.Center;
            var viewportFit = position.Fit(Math.Clamp(center.X / width, 0, 1), Math.Clamp(center.Y / height, 0, 1));
            var fit = viewportFit;
            if (group.Count > 1)
            {
                var relativeX = maxX - minX > 1 ? (center.X - minX) / (maxX - minX) : Math.Clamp(center.X / width, 0, 1);
                var relativeY = maxY - minY > 1 ? (center.Y - minY) / (maxY - minY) : Math.Clamp(center.Y / height, 0, 1);
                fit = (0.6 * position.Fit(relativeX, relativeY)) + (0.4 * viewportFit);
            }

            item.PositionFit = fit;
            item.PositionGroup = group.Count;
            item.Score += _options.PositionWeight * fit;
        }
    }

    private void ApplyOrdinal(List<Scored> scored, int ordinal)
    {
        var best = scored.MaxBy(s => s.Score)!;
        var group = ReadingOrder.Sort(
            scored.Where(s => s.Score >= best.Score - _options.OrdinalMargin && string.Equals(s.Candidate.Role, best.Candidate.Role, StringComparison.Ordinal)),
            s => s.Candidate.Box);
        var index = ordinal > 0 ? ordinal - 1 : group.Count + ordinal;
        if (index < 0 || index >= group.Count)
        {
            foreach (var item in group)
            {
                item.OrdinalNote = string.Create(CultureInfo.InvariantCulture, $"only {group.Count} similar, no {Ordinal(ordinal)}");
            }

            return;
        }

        // The chosen one moves just above the best; the rest of the group keeps its order below it.
        var top = best.Score;
        for (var i = 0; i < group.Count; i++)
        {
            group[i].OrdinalNote = string.Create(CultureInfo.InvariantCulture, $"{Ordinal(i + 1)} of {group.Count} similar in reading order");
        }

        group[index].Score = top + 0.01 + (_options.OrdinalMargin * 0.5);
    }

    private static string Ordinal(int n)
    {
        if (n < 0)
        {
            return n == -1 ? "last" : string.Create(CultureInfo.InvariantCulture, $"{-n}th from last");
        }

        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return string.Create(CultureInfo.InvariantCulture, $"{n}{suffix}");
    }

    private static string Describe(Scored item, ParsedInstruction instruction, bool usedEmbeddings)
    {
        var builder = new StringBuilder();
        var c = item.Candidate;
        if (instruction.Target.Length > 0)
        {
            if (item.LexicalField is not null && item.Lexical > 0)
            {
                var relation = item.LexicalKind == LexicalMatchKind.Exact ? "=" : "~";
                builder.Append(CultureInfo.InvariantCulture, $"{item.LexicalField} '{Shorten(item.LexicalText!)}' {relation} '{instruction.Target}' ({KindWord(item.LexicalKind)} {item.Lexical:0.00})");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"no words in common with '{instruction.Target}'");
            }

            if (usedEmbeddings && item.Cosine is { } cosine)
            {
                builder.Append(CultureInfo.InvariantCulture, $", embedding cosine {cosine:0.00}");
            }
        }

        if (item.RoleFit is { } fit)
        {
            var wanted = instruction.RoleWords.Count > 0 ? string.Join(' ', instruction.RoleWords) : instruction.ImpliedRole;
            builder.Append(builder.Length > 0 ? ", " : string.Empty);
            builder.Append(fit >= 0.99 ? $"role {c.Role}" : fit > 0 ? $"role {c.Role} partly fits '{wanted}'" : $"role {c.Role} is not '{wanted}'");
        }
        else if (c.Source == CandidateSource.Dom)
        {
            builder.Append(builder.Length > 0 ? ", " : string.Empty).Append("role ").Append(c.Role);
        }

        if (instruction.Color is { } color)
        {
            builder.Append(item.ColorFit is null ? $", not {color.ToString().ToLowerInvariant()}" : $", {item.ColorFit} {color.ToString().ToLowerInvariant()}");
        }

        if (item.PositionFit is { } positionFit)
        {
            builder.Append(CultureInfo.InvariantCulture, $", {instruction.Position!.Words} fit {positionFit:0.00} among {item.PositionGroup} similar");
        }

        if (item.OrdinalNote is not null)
        {
            builder.Append(", ").Append(item.OrdinalNote);
        }

        if (item.NotInteractive)
        {
            builder.Append(", not interactive");
        }

        builder.Append(CultureInfo.InvariantCulture, $"; score {item.Score:0.00}");
        return builder.ToString();
    }

    private static string KindWord(LexicalMatchKind kind) => kind switch
    {
        LexicalMatchKind.Exact => "exact",
        LexicalMatchKind.Synonym => "synonym",
        LexicalMatchKind.Prefix => "prefix",
        LexicalMatchKind.Tokens => "words",
        LexicalMatchKind.Spelling => "spelling",
        _ => "none",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>The working state of one candidate during ranking.</summary>
    private sealed class Scored(GuiCandidate candidate)
    {
        public GuiCandidate Candidate { get; } = candidate;

        public double Lexical { get; set; }

        public string? LexicalField { get; set; }

        public string? LexicalText { get; set; }

        public LexicalMatchKind LexicalKind { get; set; }

        public double? Embedding { get; set; }

        public double? Cosine { get; set; }

        public double? RoleFit { get; set; }

        public string? ColorFit { get; set; }

        public bool NotInteractive { get; set; }

        public double Constraints { get; set; }

        public double? PositionFit { get; set; }

        public int PositionGroup { get; set; }

        public string? OrdinalNote { get; set; }

        public double Score { get; set; }
    }
}
