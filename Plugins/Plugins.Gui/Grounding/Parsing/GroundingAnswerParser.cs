using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Plugins.Gui.Grounding.Coordinates;

namespace Plugins.Gui.Grounding.Parsing;

/// <summary>
/// Reads a model's grounding answer: a point <c>(x,y)</c>, a box <c>[x1,y1,x2,y2]</c> (also OS-Atlas' two-corner
/// form <c>(x1,y1),(x2,y2)</c>), or a mark id (<c>mark 12</c>, <c>[12]</c>, <c>#12</c>, or <c>12</c> alone) when marks were
/// offered. The answer may sit inside prose ("The button is at (512, 300).").
/// </summary>
/// <remarks>
/// <para>
/// Coordinates follow a <see cref="CoordinateFrame"/> (the model's <see cref="ICoordinateConvention"/>); by default
/// integers on a 0-999 grid (Ferret-UI, OS-Atlas), independent of the image size. Grid value <c>v</c> maps to the
/// centre of its cell: <c>(v + 0.5) / 1000 * size</c> image pixels, so 0 and 999 stay inside the image and a
/// full-range box covers it.
/// </para>
/// <para>
/// Never a guess: an empty answer, a value outside the frame's range (0..999 on the grid) or not an integer, an inverted box, a mark id that was not
/// offered, a mark when none were offered, several different answers, <c>none</c> (the prompts' way to say the target is absent), or nothing recognisable is a
/// <see cref="GroundingAnswerKind.Miss"/> whose reason says which. The same answer repeated counts once.
/// Thread-safe (stateless).
/// </para>
/// </remarks>
public static partial class GroundingAnswerParser
{
    /// <summary>Number of cells per axis of the coordinate grid: 1000 (values 0 to 999).</summary>
    public const int GridSize = 1000;

    /// <summary>The largest grid value: 999.</summary>
    public const int GridMax = GridSize - 1;

    private const string Number = @"[-+]?\d+(?:\.\d+)?";

    /// <summary>Parses <paramref name="answer"/> on the 0-999 grid for an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/> pixels.</summary>
    /// <param name="answer">The model's text.</param>
    /// <param name="imageWidth">Width of the image the model saw, in pixels; positive.</param>
    /// <param name="imageHeight">Height of the image the model saw, in pixels; positive.</param>
    /// <param name="offeredMarks">The mark ids the model was offered; null or empty when none (then mark answers are misses).</param>
    /// <returns>The answer in image pixels, or a miss with its reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static GroundingAnswer Parse(string? answer, int imageWidth, int imageHeight, IReadOnlyCollection<int>? offeredMarks = null) =>
        Parse(answer, GridCoordinates.Instance.FrameFor(imageWidth, imageHeight), offeredMarks);

    /// <summary>Parses <paramref name="answer"/> in the model's coordinate frame over the image it saw.</summary>
    /// <param name="answer">The model's text.</param>
    /// <param name="frame">The frame (from the model's <see cref="ICoordinateConvention"/> for the image sent).</param>
    /// <param name="offeredMarks">The mark ids the model was offered; null or empty when none (then mark answers are misses).</param>
    /// <returns>The answer in pixels of the image sent, or a miss with its reason.</returns>
    public static GroundingAnswer Parse(string? answer, CoordinateFrame frame, IReadOnlyCollection<int>? offeredMarks = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return GroundingAnswer.Miss("The answer is empty.");
        }

        if (answer.StartsWith(Vision.GroundingChat.FailurePrefix, StringComparison.Ordinal))
        {
            return GroundingAnswer.Miss($"The model gave no answer: {answer[Vision.GroundingChat.FailurePrefix.Length..].Trim()}");
        }

        if (NoneAnswer().IsMatch(answer))
        {
            return GroundingAnswer.Miss($"The answer '{answer.Trim()}' says the target is not in the image.");
        }

        var found = new List<Found>();
        var rest = new StringBuilder(answer);
        Collect(TwoCornerBox(), rest, found, m => Found.Box(m, 1, 2, 3, 4));
        Collect(BracketBox(), rest, found, m => Found.Box(m, 1, 2, 3, 4));
        Collect(BracketPair(), rest, found, m => Found.Invalid(m.Value, $"'{m.Value.Trim()}' is a two-number list; a point is written (x,y) and a box [x1,y1,x2,y2]."));
        Collect(Point(), rest, found, m => Found.Point(m, 1, 2));
        Collect(MarkWord(), rest, found, m => Found.Mark(m, 1));
        Collect(MarkBracket(), rest, found, m => Found.Mark(m, 1));
        Collect(MarkHash(), rest, found, m => Found.Mark(m, 1));
        var bare = BareNumber().Match(answer);
        if (bare.Success)
        {
            found.Add(Found.Mark(bare, 1) with { IsBare = true });
        }

        if (found.Count == 0)
        {
            return GroundingAnswer.Miss($"No point (x,y), box [x1,y1,x2,y2] or mark id was found in '{Shorten(answer)}'.");
        }

        var marks = offeredMarks is { Count: > 0 } ? offeredMarks : null;
        var answers = new List<GroundingAnswer>();
        foreach (var item in found)
        {
            var parsed = Validate(item, frame, marks);
            if (!parsed.IsHit)
            {
                return parsed;
            }

            if (!answers.Any(a => SameAnswer(a, parsed)))
            {
                answers.Add(parsed);
            }
        }

        return answers.Count == 1
            ? answers[0]
            : GroundingAnswer.Miss(
                $"The answer holds {answers.Count} different answers ({string.Join("; ", found.Select(f => f.Text.Trim()).Distinct())}); expected one.");
    }

    /// <summary>Maps grid value <paramref name="value"/> (0..999) to image pixels along an axis of <paramref name="size"/> pixels: <c>(value + 0.5) / 1000 * size</c>.</summary>
    /// <param name="value">A grid value.</param>
    /// <param name="size">The axis length in pixels.</param>
    public static double GridToPixel(int value, int size) => (value + 0.5) / GridSize * size;

    /// <summary>The grid value (0..999) whose cell holds pixel coordinate <paramref name="pixel"/> along an axis of <paramref name="size"/> pixels.</summary>
    /// <param name="pixel">A coordinate in pixels.</param>
    /// <param name="size">The axis length in pixels.</param>
    public static int PixelToGrid(double pixel, int size) => Math.Clamp((int)Math.Floor(pixel / size * GridSize), 0, GridMax);

    private static GroundingAnswer Validate(Found item, CoordinateFrame frame, IReadOnlyCollection<int>? marks)
    {
        if (item.Error is not null)
        {
            return GroundingAnswer.Miss(item.Error);
        }

        var text = item.Text.Trim();
        var values = new int[item.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var raw = item.Values[i];
            if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return GroundingAnswer.Miss($"'{raw}' in '{text}' is not an integer; coordinates and mark ids are whole numbers.");
            }

            // Points are (x,y) and boxes [x1,y1,x2,y2]: even positions are x, odd ones y.
            var isX = i % 2 == 0;
            if (item.Kind != GroundingAnswerKind.Mark && !(isX ? frame.IsValidX(value) : frame.IsValidY(value)))
            {
                return GroundingAnswer.Miss($"{value} in '{text}' is outside {(isX ? frame.RangeX : frame.RangeY)}.");
            }

            values[i] = value;
        }

        switch (item.Kind)
        {
            case GroundingAnswerKind.Point:
                return new GroundingAnswer
                {
                    Kind = GroundingAnswerKind.Point,
                    X = frame.ToPixelX(values[0]),
                    Y = frame.ToPixelY(values[1]),
                    Reason = $"Point ({values[0]},{values[1]}) {frame.Where}.",
                };
            case GroundingAnswerKind.Box:
                if (values[2] < values[0] || values[3] < values[1])
                {
                    return GroundingAnswer.Miss($"The box '{text}' is inverted (x2 < x1 or y2 < y1).");
                }

                var left = frame.ToPixelX(values[0]);
                var top = frame.ToPixelY(values[1]);
                var right = frame.ToPixelX(values[2]);
                var bottom = frame.ToPixelY(values[3]);
                return new GroundingAnswer
                {
                    Kind = GroundingAnswerKind.Box,
                    X = (left + right) / 2,
                    Y = (top + bottom) / 2,
                    Box = (left, top, right, bottom),
                    Reason = $"Box [{values[0]},{values[1]},{values[2]},{values[3]}] {frame.Where}; its centre is the point.",
                };
            default:
                var id = values[0];
                if (marks is null)
                {
                    return GroundingAnswer.Miss(item.IsBare
                        ? $"'{text}' is a bare number and no marks were offered; expected a point (x,y) or a box [x1,y1,x2,y2]."
                        : $"'{text}' names a mark but no marks were offered.");
                }

                return marks.Contains(id)
                    ? new GroundingAnswer { Kind = GroundingAnswerKind.Mark, MarkId = id, Reason = $"Mark {id}." }
                    : GroundingAnswer.Miss($"Mark {id} was not offered (offered: {Describe(marks)}).");
        }
    }

    private static bool SameAnswer(GroundingAnswer a, GroundingAnswer b) =>
        a.Kind == b.Kind && a.MarkId == b.MarkId && a.X.Equals(b.X) && a.Y.Equals(b.Y) && a.Box == b.Box;

    private static void Collect(Regex regex, StringBuilder rest, List<Found> found, Func<Match, Found> make)
    {
        var text = rest.ToString();
        foreach (Match match in regex.Matches(text))
        {
            found.Add(make(match));
            for (var i = match.Index; i < match.Index + match.Length; i++)
            {
                rest[i] = ' ';
            }
        }
    }

    private static string Describe(IReadOnlyCollection<int> marks)
    {
        var sorted = marks.Order().ToList();
        return sorted.Count <= 12
            ? string.Join(", ", sorted)
            : string.Create(CultureInfo.InvariantCulture, $"{sorted.Count} ids from {sorted[0]} to {sorted[^1]}");
    }

    private static string Shorten(string text)
    {
        var trimmed = text.Trim().ReplaceLineEndings(" ");
        return trimmed.Length <= 80 ? trimmed : string.Concat(trimmed.AsSpan(0, 77), "...");
    }

    [GeneratedRegex(@"\(\s*(" + Number + @")\s*,\s*(" + Number + @")\s*\)\s*,?\s*\(\s*(" + Number + @")\s*,\s*(" + Number + @")\s*\)")]
    private static partial Regex TwoCornerBox();

    [GeneratedRegex(@"\[\s*(" + Number + @")\s*,\s*(" + Number + @")\s*,\s*(" + Number + @")\s*,\s*(" + Number + @")\s*\]")]
    private static partial Regex BracketBox();

    [GeneratedRegex(@"\[\s*" + Number + @"\s*,\s*" + Number + @"\s*\]")]
    private static partial Regex BracketPair();

    [GeneratedRegex(@"\(\s*(" + Number + @")\s*,\s*(" + Number + @")\s*\)")]
    private static partial Regex Point();

    [GeneratedRegex(@"\bmark(?:\s+id)?\s*[:#=]?\s*(" + Number + @")(?!\d|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MarkWord();

    [GeneratedRegex(@"\[\s*(" + Number + @")\s*\]")]
    private static partial Regex MarkBracket();

    [GeneratedRegex(@"#\s*(" + Number + @")(?!\d|\.\d)")]
    private static partial Regex MarkHash();

    [GeneratedRegex(@"^\s*(?:none|not found|not present)\s*\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NoneAnswer();

    [GeneratedRegex(@"^\s*(" + Number + @")\s*\.?\s*$")]
    private static partial Regex BareNumber();

    private sealed record Found(GroundingAnswerKind Kind, string Text, string[] Values, string? Error = null)
    {
        public bool IsBare { get; init; }

        public static Found Point(Match m, int x, int y) => new(GroundingAnswerKind.Point, m.Value, [m.Groups[x].Value, m.Groups[y].Value]);

        public static Found Box(Match m, int x1, int y1, int x2, int y2) =>
            new(GroundingAnswerKind.Box, m.Value, [m.Groups[x1].Value, m.Groups[y1].Value, m.Groups[x2].Value, m.Groups[y2].Value]);

        public static Found Mark(Match m, int id) => new(GroundingAnswerKind.Mark, m.Value, [m.Groups[id].Value]);

        public static Found Invalid(string text, string error) => new(GroundingAnswerKind.Miss, text, [], error);
    }
}
