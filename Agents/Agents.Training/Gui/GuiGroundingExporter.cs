using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Evaluation;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Evaluation.Generation;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Describe;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Seeing;
using Plugins.Gui.TestSite;

namespace Agents.Training.Gui;

/// <summary>
/// Exports the GUI grounding tasks: pages from <see cref="GuiDataGenerator"/> (seeded with the context's seed, written
/// to its scratch folder) are opened in Chromium the way the grounding evaluator opens them and observed once per
/// screenshot; the requests are composed by the consumers themselves (<see cref="VisionGrounder.ComposeAsync"/>,
/// <see cref="HybridGrounder.ComposeAsync"/> with the evaluator's matcher and OCR, <see cref="PointDescriber.Compose"/>)
/// and answered with <see cref="GuiAnswers"/>.
/// </summary>
/// <remarks>
/// <para>
/// Tasks: <c>gui-vision</c> (one example per tile question: the target's centre <c>(x,y)</c> on the tile image's 0-999
/// grid, a share in the box form, <c>none</c> for tiles without the target), <c>gui-hybrid</c> (<c>mark N</c>, or the
/// point when no mark matches), <c>gui-describe</c> (<c>role 'text'</c> of a DOM candidate at a point). The context's
/// <see cref="TrainingExportContext.Count"/> is the number of generator tasks; each gives its vision and hybrid
/// examples, and each screenshot adds <see cref="GuiGroundingExporterOptions.ExtraTargetsPerScreenshot"/> simple
/// targets from its DOM candidates (vision and hybrid) and <see cref="GuiGroundingExporterOptions.DescriptionsPerScreenshot"/>
/// descriptions: about 3.5 examples per task.
/// </para>
/// <para>
/// Held-out: another seed gives other pages; in addition the simple instructions of extra targets use phrasings only
/// the held-out split uses (train: "the 'Save' button", "click the button 'Save'", "Save button"; held-out: "find the
/// button labelled 'Save'", "select 'Save' (button)"), and describe points are jittered inside the element in held-out
/// only (train asks about the centre). Page kinds, viewports and themes are the generator's, shared by both splits.
/// </para>
/// </remarks>
public sealed partial class GuiGroundingExporter : ITrainingTaskExporter
{
    /// <summary>The vision-only grounding task.</summary>
    public const string VisionTask = "gui-vision";

    /// <summary>The set-of-mark grounding task.</summary>
    public const string HybridTask = "gui-hybrid";

    /// <summary>The "what is at this point" task.</summary>
    public const string DescribeTask = "gui-describe";

    private static readonly string[] TrainPhrasings = ["the '{name}' {role}", "click the {role} '{name}'", "{name} {role}"];

    private static readonly string[] HeldOutPhrasings = ["find the {role} labelled '{name}'", "select '{name}' ({role})"];

    private readonly IOcrEngine? _ocr;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly GuiGroundingExporterOptions _options;

    /// <summary>Creates the exporter.</summary>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="ocr">The OCR engine for hybrid candidates; null to make a Tesseract engine per export when <see cref="GuiGroundingExporterOptions.UseOcr"/>. Not owned.</param>
    /// <param name="embeddings">The matcher's embeddings; null to make a MiniLM generator per export (as the evaluator does). Not owned.</param>
    public GuiGroundingExporter(GuiGroundingExporterOptions? options = null, IOcrEngine? ocr = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        _options = options ?? new GuiGroundingExporterOptions();
        _options.Validate();
        _ocr = ocr;
        _embeddings = embeddings;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Tasks { get; } = [VisionTask, HybridTask, DescribeTask];

    /// <inheritdoc />
    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.LoggerFactory.CreateLogger<GuiGroundingExporter>();
        var folder = Path.Combine(context.ScratchFolder, string.Create(CultureInfo.InvariantCulture, $"gui-{context.Split}-{context.Seed}-{context.Count}"));
        var data = await new GuiDataGenerator(context.LoggerFactory.CreateLogger<GuiDataGenerator>())
            .GenerateAsync(new GuiDataGeneratorOptions { OutputFolder = folder, Count = context.Count, Seed = context.Seed, ChromiumPath = context.ChromiumPath }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        LogGenerated(logger, data.Tasks.Count, data.Pages, data.Folder);

        using var ownedEmbeddings = _embeddings is null ? new MiniLmEmbeddingGenerator() : null;
        using var ownedOcr = _ocr is null && _options.UseOcr ? new TesseractOcrEngine() : null;
        using var model = new NoModelChatClient();
        var composer = new Composer(
            new VisionGrounder(model),
            new HybridGrounder(model, _ocr ?? ownedOcr, new CandidateMatcher(_embeddings ?? ownedEmbeddings), new HybridGrounderOptions { NumberMarksInReadingOrder = _options.NumberMarksInReadingOrder }),
            new PointDescriber(model),
            _options,
            context.IsHeldOut);
        var observer = new PageObserver();
        await using var server = await StaticFolderServer.StartAsync(data.Folder, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var browser = await EvaluationBrowser.LaunchAsync(context.ChromiumPath, cancellationToken).ConfigureAwait(false);
        var done = 0;
        var screen = 0;
        foreach (var group in data.Tasks.GroupBy(t => (t.Page, t.Viewport, t.DeviceScaleFactor)))
        {
            // Tasks without scrolling share one screenshot; a scrolled task gets its own page, as the evaluator opens it.
            var shots = new List<List<PageTask>>();
            var plain = group.Where(t => !t.ScrollIntoView).ToList();
            if (plain.Count > 0)
            {
                shots.Add(plain);
            }

            shots.AddRange(group.Where(t => t.ScrollIntoView).Select(t => new List<PageTask> { t }));
            foreach (var shot in shots)
            {
                var first = shot[0];
                List<TrainingSample> samples;
                await using (var opened = await browser.OpenAsync(server.UrlOf(first.Page), first.Viewport.Width, first.Viewport.Height, first.DeviceScaleFactor, cancellationToken).ConfigureAwait(false))
                {
                    var page = opened.Page;
                    var targets = new List<(PageTask Task, CssRect Box)>();
                    foreach (var task in shot)
                    {
                        if (await TargetBoxes.BoxOfSelectorAsync(page, task.Target, task.ScrollIntoView, cancellationToken).ConfigureAwait(false) is { IsEmpty: false } box)
                        {
                            targets.Add((task, box));
                        }
                    }

                    var observation = await observer.ObserveAsync(page, cancellationToken).ConfigureAwait(false);
                    var random = new Random(unchecked((context.Seed * 1_000_003) + screen));
                    samples = await composer.ScreenshotAsync(observation, targets, random, cancellationToken).ConfigureAwait(false);
                }

                screen++;
                foreach (var sample in samples)
                {
                    yield return sample;
                    context.Progress?.Report(++done);
                }
            }
        }

        LogExported(logger, done, screen);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GUI grounding export: generated {Tasks} tasks on {Pages} pages in {Folder}")]
    private static partial void LogGenerated(ILogger logger, int tasks, int pages, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "GUI grounding export: {Examples} examples from {Screens} screenshots")]
    private static partial void LogExported(ILogger logger, int examples, int screens);

    /// <summary>Composes one screenshot's examples.</summary>
    private sealed class Composer(VisionGrounder vision, HybridGrounder hybrid, PointDescriber describer, GuiGroundingExporterOptions options, bool heldOut)
    {
        public async Task<List<TrainingSample>> ScreenshotAsync(PageObservation observation, List<(PageTask Task, CssRect Box)> targets, Random random, CancellationToken cancellationToken)
        {
            var samples = new List<TrainingSample>();
            var viewport = string.Create(CultureInfo.InvariantCulture, $"{observation.Screenshot.Width}x{observation.Screenshot.Height}");
            var baseMeta = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["viewport"] = viewport,
                ["dpr"] = observation.DevicePixelRatio.ToString(CultureInfo.InvariantCulture),
                ["title"] = observation.Title,
            };
            foreach (var (task, box) in targets)
            {
                var meta = new Dictionary<string, string>(baseMeta, StringComparer.Ordinal)
                {
                    ["page"] = task.Page,
                    ["task_id"] = task.Id,
                    ["split"] = task.Split,
                    ["source"] = "generator",
                };
                await GroundAsync(samples, observation, task.Instruction, box, meta, random, cancellationToken).ConfigureAwait(false);
            }

            var named = Nameable(observation.Candidates);
            foreach (var candidate in Pick(named, options.ExtraTargetsPerScreenshot, random))
            {
                var phrasings = heldOut ? HeldOutPhrasings : TrainPhrasings;
                var instruction = phrasings[random.Next(phrasings.Length)]
                    .Replace("{name}", Clean(candidate.Name), StringComparison.Ordinal)
                    .Replace("{role}", RoleWord(candidate.Role), StringComparison.Ordinal);
                var meta = new Dictionary<string, string>(baseMeta, StringComparer.Ordinal)
                {
                    ["split"] = "text",
                    ["source"] = "candidate",
                    ["role"] = candidate.Role,
                };
                await GroundAsync(samples, observation, instruction, candidate.Box, meta, random, cancellationToken).ConfigureAwait(false);
            }

            foreach (var candidate in Pick(Describable(named), options.DescriptionsPerScreenshot, random))
            {
                var point = candidate.Box.Center;
                if (heldOut)
                {
                    point = new CssPoint(
                        candidate.Box.X + (candidate.Box.Width * (0.3 + (0.4 * random.NextDouble()))),
                        candidate.Box.Y + (candidate.Box.Height * (0.3 + (0.4 * random.NextDouble()))));
                }

                var query = describer.Compose(observation.Screenshot, point);
                var meta = new Dictionary<string, string>(baseMeta, StringComparer.Ordinal) { ["role"] = candidate.Role, ["source"] = "candidate" };
                samples.Add(new TrainingSample(DescribeTask, query.Messages, query.Options, PointDescriber.Format(candidate.Role, candidate.Name)) { Meta = meta });
            }

            return samples;
        }

        private async Task GroundAsync(List<TrainingSample> samples, PageObservation observation, string instruction, CssRect box, Dictionary<string, string> meta, Random random, CancellationToken cancellationToken)
        {
            var request = new GroundingRequest(instruction, observation);
            var tiles = await vision.ComposeAsync(request, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < tiles.Count; i++)
            {
                var asBox = random.NextDouble() < options.BoxFraction;
                var answer = GuiAnswers.Vision(tiles[i], box, asBox);
                var tileMeta = new Dictionary<string, string>(meta, StringComparer.Ordinal)
                {
                    ["tile"] = string.Create(CultureInfo.InvariantCulture, $"{i + 1}/{tiles.Count}"),
                    ["form"] = answer == GuiAnswers.None ? "none" : asBox ? "box" : "point",
                };
                samples.Add(new TrainingSample(VisionTask, tiles[i].Messages, tiles[i].Options, answer) { Meta = tileMeta });
            }

            if (await hybrid.ComposeAsync(request, cancellationToken).ConfigureAwait(false) is { } query)
            {
                var answer = GuiAnswers.Hybrid(query, box);
                var hybridMeta = new Dictionary<string, string>(meta, StringComparer.Ordinal)
                {
                    ["form"] = answer.StartsWith("mark", StringComparison.Ordinal) ? "mark" : "point",
                    ["marks"] = query.Marks.Count.ToString(CultureInfo.InvariantCulture),
                };
                samples.Add(new TrainingSample(HybridTask, query.Messages, query.Options, answer) { Meta = hybridMeta });
            }
        }

        /// <summary>DOM candidates with a short, unique name and a box inside the screen: unambiguous simple targets.</summary>
        private static List<GuiCandidate> Nameable(IReadOnlyList<GuiCandidate> candidates)
        {
            var named = candidates.Where(c => c.Source == CandidateSource.Dom && c.IsInteractive && !c.Box.IsEmpty && c.Box.Width >= 4 && c.Box.Height >= 4).ToList();
            var counts = named.GroupBy(c => Clean(c.Name), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
            return [.. named.Where(c => Clean(c.Name) is { Length: >= 2 and <= 30 } name && counts[name] == 1)];
        }

        /// <summary>Candidates whose centre no smaller candidate also holds, so "what is at" has one answer.</summary>
        private static List<GuiCandidate> Describable(List<GuiCandidate> named) =>
            [.. named.Where(c => !named.Any(o => !ReferenceEquals(o, c) && o.Box.Area <= c.Box.Area && o.Box.Contains(c.Box.Center)))];

        private static IEnumerable<GuiCandidate> Pick(List<GuiCandidate> from, int count, Random random)
        {
            var pool = new List<GuiCandidate>(from);
            for (var i = 0; i < count && pool.Count > 0; i++)
            {
                var index = random.Next(pool.Count);
                yield return pool[index];
                pool.RemoveAt(index);
            }
        }

        private static string Clean(string name) => string.Join(' ', name.Replace('\'', '’').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        private static string RoleWord(string role) => role switch
        {
            "textbox" => "field",
            "searchbox" => "search field",
            "combobox" => "dropdown",
            "menuitem" => "menu item",
            "spinbutton" => "number field",
            _ => role,
        };
    }
}
