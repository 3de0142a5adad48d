using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Seeing;
using Plugins.Gui.TestSite;

namespace Plugins.Gui.Evaluation.Generation;

/// <summary>
/// Writes a grounding data set from a seed: varied HTML pages (<c>pages/</c>), their tasks (<c>tasks.jsonl</c>), and
/// the same tasks as ScreenSpot records (<c>screenspot.json</c> with <c>images/</c>). Each page is rendered in
/// Chromium at its viewport and device scale factor, served from 127.0.0.1; a target outside the first screen gets
/// <c>scroll_into_view</c>, and its screenshot is taken after the scroll. Screenshots are in CSS scale, so a record's
/// bbox is the target's CSS box. The same seed and count give the same files. Not thread-safe.
/// </summary>
/// <param name="logger">Receives a line per page at Debug.</param>
public sealed class GuiDataGenerator(ILogger<GuiDataGenerator>? logger = null)
{
    /// <summary>The page-task file's name.</summary>
    public const string TasksFileName = "tasks.jsonl";

    /// <summary>The ScreenSpot file's name.</summary>
    public const string ScreenSpotFileName = "screenspot.json";

    private readonly ILogger _logger = logger ?? NullLogger<GuiDataGenerator>.Instance;

    /// <summary>Generates the data set. Files go to a temporary sibling folder first, so a failed run leaves nothing half-written.</summary>
    /// <param name="options">Folder, count, seed.</param>
    /// <param name="progress">Gets a report per task written.</param>
    /// <param name="cancellationToken">Cancels the run (the temporary folder is removed).</param>
    /// <exception cref="ArgumentException">Bad options, or the folder holds other files.</exception>
    public async Task<GuiDataSet> GenerateAsync(GuiDataGeneratorOptions options, IProgress<GuiDataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = Path.GetFullPath(options.OutputFolder);
        if (File.Exists(folder))
        {
            throw new ArgumentException($"The output folder '{options.OutputFolder}' is a file; give a folder.", nameof(options));
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !File.Exists(Path.Combine(folder, TasksFileName)))
        {
            throw new ArgumentException($"The output folder '{options.OutputFolder}' is not empty and holds no {TasksFileName} (not an earlier data set); give an empty or new folder.", nameof(options));
        }

        var parent = Path.GetDirectoryName(folder) ?? throw new ArgumentException($"The output folder '{options.OutputFolder}' has no parent folder.", nameof(options));
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, "." + Path.GetFileName(folder) + ".partial");
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(temporary, "pages"));
        Directory.CreateDirectory(Path.Combine(temporary, "images"));
        try
        {
            var (tasks, pages, kinds) = await WriteAsync(temporary, options, progress, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(temporary, folder);
            return new GuiDataSet(folder, Path.Combine(folder, TasksFileName), Path.Combine(folder, ScreenSpotFileName), pages, tasks, kinds);
        }
        catch
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw;
        }
    }

    private async Task<(List<PageTask> Tasks, int Pages, Dictionary<string, int> Kinds)> WriteAsync(
        string folder, GuiDataGeneratorOptions options, IProgress<GuiDataProgress>? progress, CancellationToken cancellationToken)
    {
        var tasks = new List<PageTask>(options.Count);
        var records = new List<ScreenSpotRecord>(options.Count);
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var pages = 0;
        await using var server = await StaticFolderServer.StartAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var browser = await EvaluationBrowser.LaunchAsync(options.ChromiumPath, cancellationToken).ConfigureAwait(false);
        for (var index = 0; tasks.Count < options.Count; index++)
        {
            if (index > options.Count * 4)
            {
                throw new InvalidOperationException($"The generator composed {index} pages but kept only {tasks.Count} of {options.Count} tasks; targets keep falling outside the viewport.");
            }

            var composed = PageComposer.Compose(options.Seed, index);
            var relative = "pages/" + composed.FileName;
            await File.WriteAllTextAsync(Path.Combine(folder, "pages", composed.FileName), composed.Html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            foreach (var (name, html) in composed.ExtraFiles)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "pages", name), html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }

            pages++;
            kinds[composed.Kind] = kinds.GetValueOrDefault(composed.Kind) + 1;
            _logger.LogDebug("Page {Page}: {Kind} at {Width}x{Height} DPR {Dpr}", relative, composed.Kind, composed.Width, composed.Height, composed.DeviceScaleFactor);
            foreach (var target in composed.Targets)
            {
                if (tasks.Count == options.Count)
                {
                    break;
                }

                var id = string.Create(CultureInfo.InvariantCulture, $"t{tasks.Count + 1:0000}");
                await using var opened = await browser.OpenAsync(server.UrlOf(relative), composed.Width, composed.Height, composed.DeviceScaleFactor, cancellationToken).ConfigureAwait(false);
                var (box, scrolled) = await VisibleBoxAsync(opened.Page, target.Selector, composed.Width, composed.Height, cancellationToken).ConfigureAwait(false);
                if (box is not { } visible)
                {
                    _logger.LogDebug("Skipped {Selector} on {Page}: not fully visible even after scrolling", target.Selector, relative);
                    continue;
                }

                var png = await opened.Page.ScreenshotAsync(new PageScreenshotOptions { Scale = ScreenshotScale.Css, Type = ScreenshotType.Png }).WaitAsync(cancellationToken).ConfigureAwait(false);
                var image = "images/" + id + ".png";
                await File.WriteAllBytesAsync(Path.Combine(folder, image), png, cancellationToken).ConfigureAwait(false);
                tasks.Add(new PageTask
                {
                    Id = id,
                    Page = relative,
                    Viewport = new PageTaskViewport(composed.Width, composed.Height),
                    DeviceScaleFactor = composed.DeviceScaleFactor,
                    Instruction = target.Instruction,
                    Target = target.Selector,
                    Split = target.Split,
                    ScrollIntoView = scrolled,
                    Line = tasks.Count + 1,
                });
                records.Add(new ScreenSpotRecord
                {
                    ImageFilename = image,
                    Bbox = [Round(visible.X), Round(visible.Y), Round(visible.Width), Round(visible.Height)],
                    Instruction = target.Instruction,
                    DataType = target.Split,
                    DataSource = options.DataSource,
                    Line = records.Count + 2,
                });
                progress?.Report(new GuiDataProgress(tasks.Count, options.Count, id));
            }
        }

        PageTaskReader.Write(Path.Combine(folder, TasksFileName), tasks);
        ScreenSpotReader.Write(Path.Combine(folder, ScreenSpotFileName), records);
        return (tasks, pages, new Dictionary<string, int>(kinds, StringComparer.Ordinal));
    }

    /// <summary>The target's box when it lies fully inside the viewport, scrolling it into view when it does not at first.</summary>
    private static async Task<(CssRect? Box, bool Scrolled)> VisibleBoxAsync(IPage page, string selector, int width, int height, CancellationToken cancellationToken)
    {
        var box = await TargetBoxes.BoxOfSelectorAsync(page, selector, scrollIntoView: false, cancellationToken).ConfigureAwait(false);
        if (box is { } first && Inside(first, width, height))
        {
            return (first, false);
        }

        box = await TargetBoxes.BoxOfSelectorAsync(page, selector, scrollIntoView: true, cancellationToken).ConfigureAwait(false);
        return box is { } second && Inside(second, width, height) ? (second, true) : (null, true);
    }

    private static bool Inside(CssRect box, int width, int height) =>
        !box.IsEmpty && box.X >= 0 && box.Y >= 0 && box.Right <= width && box.Bottom <= height;

    private static double Round(double value) => Math.Round(value, 2);
}
