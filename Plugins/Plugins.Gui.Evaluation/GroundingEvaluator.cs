using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Grounding;
using Plugins.Gui.Seeing;
using Plugins.Gui.TestSite;
using SkiaSharp;

namespace Plugins.Gui.Evaluation;

/// <summary>
/// Scores a grounder offline. Page tasks (<c>tasks.jsonl</c>): the folder is served on 127.0.0.1, each page opens
/// in a fresh Chromium context at its viewport and device scale factor, the target is scrolled into view when the
/// record asks, its box comes from its selector (<see cref="TargetBoxes"/>), and the <see cref="PageObserver"/>
/// takes the observation. ScreenSpot records: the image alone (<see cref="PageObservation.FromImage"/>), the bbox
/// as the target. Only the grounder call is timed. A record is right when the point lies inside the target box; a
/// miss (nothing found or a malformed answer) is wrong. Not thread-safe: one run at a time.
/// </summary>
/// <param name="grounder">The grounder to score; not owned.</param>
/// <param name="options">Limit, browser, observer and model options; null for the defaults.</param>
/// <param name="logger">Receives one line per record at Debug.</param>
public sealed partial class GroundingEvaluator(IGrounder grounder, GroundingEvaluatorOptions? options = null, ILogger<GroundingEvaluator>? logger = null)
{
    /// <summary>The <see cref="GroundingEvaluation.DataKind"/> of page tasks.</summary>
    public const string PageTasksKind = "page-tasks";

    /// <summary>The <see cref="GroundingEvaluation.DataKind"/> of ScreenSpot records.</summary>
    public const string ScreenSpotKind = "screenspot";

    private readonly IGrounder _grounder = grounder ?? throw new ArgumentNullException(nameof(grounder));
    private readonly GroundingEvaluatorOptions _options = Validated(options ?? new GroundingEvaluatorOptions());
    private readonly ILogger _logger = logger ?? NullLogger<GroundingEvaluator>.Instance;

    /// <summary>Evaluates <paramref name="dataFile"/>: a <c>.jsonl</c> file is page tasks, a <c>.json</c> file ScreenSpot records.</summary>
    /// <exception cref="InvalidDataException">The file is neither, or a record is malformed (the message names the file, line and field).</exception>
    public Task<GroundingEvaluation> EvaluateAsync(string dataFile, IProgress<GroundingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Path.GetExtension(dataFile).ToLowerInvariant() switch
        {
            ".jsonl" => EvaluatePageTasksAsync(dataFile, progress, cancellationToken),
            ".json" => EvaluateScreenSpotAsync(dataFile, progress, cancellationToken),
            _ => throw new InvalidDataException($"The data file '{dataFile}' is neither page tasks (.jsonl, one record per line) nor ScreenSpot records (.json array)."),
        };

    /// <summary>Evaluates the page tasks of <paramref name="tasksFile"/>.</summary>
    public async Task<GroundingEvaluation> EvaluatePageTasksAsync(string tasksFile, IProgress<GroundingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var observed = await ObservePageTasksAsync(tasksFile, cancellationToken).ConfigureAwait(false);
        return await EvaluateObservedAsync(observed, tasksFile, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens each page task of <paramref name="tasksFile"/> in Chromium once and keeps what grounding needs (the
    /// observation and the target box), so several grounders or model settings can be scored on the same pages with
    /// <see cref="EvaluateObservedAsync"/> without rendering them again. Honours <see cref="GroundingEvaluatorOptions.Limit"/>.
    /// </summary>
    /// <param name="tasksFile">The <c>tasks.jsonl</c> file.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The observed tasks, in file order.</returns>
    /// <exception cref="InvalidDataException">A task's target is not rendered on its page.</exception>
    public async Task<IReadOnlyList<ObservedGroundingTask>> ObservePageTasksAsync(string tasksFile, CancellationToken cancellationToken = default)
    {
        var tasks = Limited(PageTaskReader.Read(tasksFile));
        var folder = Path.GetDirectoryName(Path.GetFullPath(tasksFile))!;
        var observer = new PageObserver(_options.Observer);
        var observed = new List<ObservedGroundingTask>(tasks.Count);
        await using var server = await StaticFolderServer.StartAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var browser = await EvaluationBrowser.LaunchAsync(_options.ChromiumPath, cancellationToken).ConfigureAwait(false);
        foreach (var task in tasks)
        {
            await using var opened = await browser.OpenAsync(server.UrlOf(task.Page), task.Viewport.Width, task.Viewport.Height, task.DeviceScaleFactor, cancellationToken).ConfigureAwait(false);
            CssRect? box;
            try
            {
                box = await TargetBoxes.BoxOfSelectorAsync(opened.Page, task.Target, task.ScrollIntoView, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{tasksFile}:{task.Line}: field 'target': {ex.Message}", ex);
            }

            if (box is not { IsEmpty: false } target)
            {
                throw new InvalidDataException($"{tasksFile}:{task.Line}: field 'target' '{task.Target}' names an element that is not rendered on {task.Page} (no box); fix the selector or the page.");
            }

            var observation = await observer.ObserveAsync(opened.Page, cancellationToken).ConfigureAwait(false);
            observed.Add(new ObservedGroundingTask(task.Id, task.Instruction, task.Split, task.Page, target, observation));
        }

        return observed;
    }

    /// <summary>Scores the grounder on tasks observed earlier by <see cref="ObservePageTasksAsync"/>.</summary>
    /// <param name="tasks">The observed tasks.</param>
    /// <param name="dataFile">The data file they came from (reported).</param>
    /// <param name="progress">Receives each outcome.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The evaluation.</returns>
    public async Task<GroundingEvaluation> EvaluateObservedAsync(IReadOnlyList<ObservedGroundingTask> tasks, string dataFile, IProgress<GroundingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var outcomes = new List<GroundingOutcome>(tasks.Count);
        var warm = !_options.WarmUp;
        foreach (var task in tasks)
        {
            warm = warm || await WarmUpAsync(task.Instruction, task.Observation, cancellationToken).ConfigureAwait(false);
            var outcome = await GroundAsync(task.Id, task.Instruction, task.Split, task.Source, task.Target, task.Observation, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            progress?.Report(new GroundingProgress(outcomes.Count, tasks.Count, outcome));
        }

        return new GroundingEvaluation { Grounder = _grounder.Name, DataFile = dataFile, DataKind = PageTasksKind, Outcomes = outcomes };
    }

    /// <summary>Evaluates the ScreenSpot records of <paramref name="screenSpotFile"/> on their images alone.</summary>
    public async Task<GroundingEvaluation> EvaluateScreenSpotAsync(string screenSpotFile, IProgress<GroundingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var records = Limited(ScreenSpotReader.Read(screenSpotFile));
        var outcomes = new List<GroundingOutcome>(records.Count);
        var warm = !_options.WarmUp;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var image = ScreenSpotReader.ResolveImage(screenSpotFile, record);
            var screenshot = await LoadPngAsync(screenSpotFile, record, image, cancellationToken).ConfigureAwait(false);
            var observation = PageObservation.FromImage(screenshot);
            warm = warm || await WarmUpAsync(record.Instruction, observation, cancellationToken).ConfigureAwait(false);
            var target = new CssRect(record.Bbox[0], record.Bbox[1], record.Bbox[2], record.Bbox[3]);
            var id = $"{Path.GetFileNameWithoutExtension(record.ImageFilename)}#{i + 1}";
            var outcome = await GroundAsync(id, record.Instruction, record.DataType, record.ImageFilename, target, observation, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            progress?.Report(new GroundingProgress(outcomes.Count, records.Count, outcome));
        }

        return new GroundingEvaluation { Grounder = _grounder.Name, DataFile = screenSpotFile, DataKind = ScreenSpotKind, Outcomes = outcomes };
    }

    private async Task<GroundingOutcome> GroundAsync(string id, string instruction, string split, string source, CssRect target, PageObservation observation, CancellationToken cancellationToken)
    {
        var request = new GroundingRequest(instruction, observation) { ModelOptions = _options.ModelOptions };
        var started = Stopwatch.GetTimestamp();
        var result = await _grounder.GroundAsync(request, cancellationToken).ConfigureAwait(false);
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var correct = result.Point is { } point && target.Contains(point);
        LogOutcome(_logger, id, instruction, correct, result.Point?.ToString() ?? "miss", target.ToString(), milliseconds);
        return new GroundingOutcome
        {
            Id = id,
            Instruction = instruction,
            Split = split,
            Source = source,
            Target = target,
            Point = result.Point,
            Correct = correct,
            Confidence = result.Confidence,
            Reason = result.Reason,
            RawAnswer = result.RawAnswer,
            Milliseconds = milliseconds,
            Screenshot = _options.KeepScreenshots ? observation.Screenshot : null,
        };
    }

    /// <summary>Runs the grounder once, untimed and unscored, so one-time start-up is not counted; returns true.</summary>
    private async Task<bool> WarmUpAsync(string instruction, PageObservation observation, CancellationToken cancellationToken)
    {
        await _grounder.GroundAsync(new GroundingRequest(instruction, observation) { ModelOptions = _options.ModelOptions }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private List<T> Limited<T>(IReadOnlyList<T> records) => [.. records.Take(_options.Limit ?? int.MaxValue)];

    /// <summary>Reads an image as a PNG screenshot (other formats are re-encoded as PNG).</summary>
    private static async Task<PageScreenshot> LoadPngAsync(string file, ScreenSpotRecord record, string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var codec = SKCodec.Create(new SKMemoryStream(bytes))
            ?? throw new InvalidDataException($"{file}:{record.Line}: field 'img_filename': '{path}' is not an image SkiaSharp can decode.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            using var bitmap = SKBitmap.Decode(bytes);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            bytes = data.ToArray();
        }

        if (record.Bbox[0] + record.Bbox[2] > width + 0.5 || record.Bbox[1] + record.Bbox[3] > height + 0.5)
        {
            throw new InvalidDataException($"{file}:{record.Line}: field 'bbox' [{string.Join(", ", record.Bbox)}] leaves the {width}x{height} image '{record.ImageFilename}'.");
        }

        return new PageScreenshot(bytes, width, height);
    }

    private static GroundingEvaluatorOptions Validated(GroundingEvaluatorOptions options)
    {
        options.Validate();
        return options;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Id} '{Instruction}': {Correct} at {Point}, target {Target}, {Milliseconds:0.0} ms")]
    private static partial void LogOutcome(ILogger logger, string id, string instruction, bool correct, string point, string target, double milliseconds);
}
