using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Pruning;
using LocalModel.Pruning.InLlm;

namespace Agents.Bench.Pruning;

/// <summary>
/// For each method and budget: median prefill time, TTFT and selector time, the prefill ratio against the full budget
/// measured interleaved with it (A, B, A, B, ...; drift in machine load hits both sides alike), and the theoretical
/// ratio from FastV's cost formula (<see cref="PrefillCostModel"/>).
/// </summary>
public static class PruningBenchmark
{
    /// <summary>Returns the methods <paramref name="options"/> asks for on a package with <paramref name="manifest"/>.</summary>
    public static IReadOnlyList<string> MethodsFor(PruningBenchmarkOptions options, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(manifest);
        return options.Methods
            ?? PruningBenchmarkOptions.DefaultMethods.Where(method => AppliesTo(method, manifest))
                .Concat(manifest.Text.StageBoundaries.Count > 0 ? VisualTokenSelectors.InLlmMethodNames : Array.Empty<string>()).ToArray();
    }

    /// <summary>
    /// Returns the <see cref="PruningBenchmarkOptions.DefaultMethods"/> that <see cref="MethodsFor"/> leaves out on a
    /// package with <paramref name="manifest"/>: without [CLS] attention outputs, the methods that rank by [CLS]
    /// attention (<see cref="VisualTokenSelectors.NeedsClsAttention"/>), and <c>visionzip</c> when the vision graph has no
    /// received-attention output either. Empty when <see cref="PruningBenchmarkOptions.Methods"/> is given (asked-for
    /// methods are run, and a point the engine refuses is reported in <see cref="PruningBenchmarkResult.Skipped"/>).
    /// </summary>
    public static IReadOnlyList<string> DefaultMethodsLeftOut(PruningBenchmarkOptions options, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(manifest);
        return options.Methods is not null ? Array.Empty<string>() : PruningBenchmarkOptions.DefaultMethods.Where(method => !AppliesTo(method, manifest)).ToArray();
    }

    /// <summary>Returns how many points (the full budget included) the run measures; the unit of its progress.</summary>
    public static int PointCount(PruningBenchmarkOptions options, ModelManifest manifest)
    {
        var budgets = options.Budgets?.Count ?? PruningBenchmarkOptions.DefaultBudgets.Count;
        return MethodsFor(options, manifest).Sum(method => IsPool(method) ? 1 : budgets) + 1;
    }

    /// <summary>Runs the benchmark on <paramref name="engine"/>.</summary>
    public static async Task<PruningBenchmarkResult> RunAsync(VlmEngine engine, PruningBenchmarkOptions options, IBenchmarkProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= NoBenchmarkProgress.Instance;
        var m = engine.Package.Manifest;
        var budgets = options.Budgets ?? PruningBenchmarkOptions.DefaultBudgets.Select(VisualTokenBudget.Parse).ToArray();
        var image = options.Image ?? BenchImages.For(m);
        var prompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "Describe this image in detail.", 1, m.SpecialTokens.ImageText);
        var (warmup, repeats) = (options.Warmup, options.Repeats);
        var step = progress.Start("points (method x budget)", PointCount(options, m));
        var skipped = new List<string>();
        var (full, _) = await MeasurePairAsync(engine, prompt, image, new PruningOptions(), warmup, repeats, cancellationToken).ConfigureAwait(false);
        step.Advance();
        var rows = new List<PruningBenchmarkRow> { new("none", "100%", full, 1.0, 1.0, full) };
        var fullCost = TheoreticalCost(m, full, null);
        foreach (var method in MethodsFor(options, m))
        {
            foreach (var budget in IsPool(method) ? new VisualTokenBudget?[] { null } : budgets.ToArray<VisualTokenBudget?>())
            {
                try
                {
                    var (point, baseline) = await MeasurePairAsync(engine, prompt, image, new PruningOptions { Method = method, Budget = budget }, warmup, repeats, cancellationToken).ConfigureAwait(false);
                    var theoretical = TheoreticalCost(m, point, VisualTokenSelectors.IsInLlmMethod(method) ? point.Plan : null) / fullCost;
                    rows.Add(new PruningBenchmarkRow(method, budget?.ToString() ?? "-", point, point.PrefillMs / baseline.PrefillMs, theoretical, baseline));
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    skipped.Add($"{method} @ {budget}: skipped ({ex.Message})");
                }

                step.Advance();
            }
        }

        step.Complete();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        // A dynamic-resolution package's manifest holds the most an image can yield; report what this image gave.
        var perImage = m.Vision.ImageSize > 0 ? m.Vision.VisualTokensPerImage : full.Total;
        return new PruningBenchmarkResult(rows, skipped, perImage, process.PeakWorkingSet64) { DefaultMethodsLeftOut = DefaultMethodsLeftOut(options, m) };
    }

    private static bool IsPool(string method) => method.StartsWith("pool", StringComparison.Ordinal);

    /// <summary>Whether a pre-LLM method has the attention it ranks by: [CLS] rows, or for <c>visionzip</c> [CLS] rows or the received attention.</summary>
    private static bool AppliesTo(string method, ModelManifest manifest)
    {
        if (manifest.Vision.ClsAttentionLayers.Count > 0)
        {
            return true;
        }

        if (VisualTokenSelectors.NeedsClsAttention(method))
        {
            return false;
        }

        return method != "visionzip"
            || (manifest.Graphs.TryGetValue(ModelPackage.VisionEncoderRole, out var vision) && vision.Outputs.ContainsKey("received_attention"));
    }

    private static async Task<(PruningPoint Point, PruningPoint Baseline)> MeasurePairAsync(VlmEngine engine, string prompt, ImageInput image, PruningOptions options, int warmup, int repeats, CancellationToken cancellationToken)
    {
        var point = new Samples();
        var baseline = new Samples();
        for (var i = 0; i < warmup + repeats; i++)
        {
            await point.RunAsync(engine, prompt, image, options, record: i >= warmup, cancellationToken).ConfigureAwait(false);
            await baseline.RunAsync(engine, prompt, image, new PruningOptions(), record: i >= warmup, cancellationToken).ConfigureAwait(false);
        }

        return (point.ToPoint(), baseline.ToPoint());
    }

    /// <summary>FastV's C(n) summed over decoder layers, with each layer's token count under the plan.</summary>
    private static double TheoreticalCost(ModelManifest m, PruningPoint p, LlmPruningPlan? plan)
    {
        var t = m.Text;
        var mlp = t.IntermediateSize > 0 ? t.IntermediateSize : 4 * t.HiddenSize;
        if (plan is null)
        {
            return PrefillCostModel.DecoderCost(p.PromptTokens, t.NumLayers, t.HiddenSize, mlp);
        }

        var text = p.PromptTokens - p.Total;
        var visual = p.Total;
        var perLayer = new int[t.NumLayers];
        for (var l = 0; l < t.NumLayers; l++)
        {
            var step = plan.Steps.FirstOrDefault(s => s.Layer == l);
            if (step is not null && visual > 0)
            {
                visual = Math.Clamp((int)Math.Round(step.KeepFraction * visual, MidpointRounding.AwayFromZero), 1, visual);
            }

            perLayer[l] = text + visual;
        }

        return PrefillCostModel.DecoderCost(perLayer, t.HiddenSize, mlp);
    }

    private sealed class Samples
    {
        private readonly List<double> _prefill = new();
        private readonly List<double> _ttft = new();
        private readonly List<double> _selector = new();
        private GenerationResult? _last;
        private LlmPruningPlan? _plan;

        public async Task RunAsync(VlmEngine engine, string prompt, ImageInput image, PruningOptions options, bool record, CancellationToken cancellationToken)
        {
            var request = new GenerationRequest { Prompt = prompt, MaxTokens = 1, IgnoreEndOfSequence = true };
            request.Images.Add(image);
            PruningSetup.Apply(request, engine.Package.Manifest, options);
            _plan = request.LlmPruning;
            _last = await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
            if (record)
            {
                _prefill.Add(_last.Timings.PrefillMs);
                _ttft.Add(_last.Timings.TimeToFirstTokenMs);
                _selector.Add(_last.Timings.SelectionMs);
            }
        }

        public PruningPoint ToPoint()
        {
            using var process = Process.GetCurrentProcess();
            return new PruningPoint(BenchStatistics.Median(_prefill), BenchStatistics.Median(_ttft), BenchStatistics.Median(_selector), _last!.Usage.VisualTokensKept, _last.Usage.VisualTokensTotal, _last.Usage.PromptTokens, process.WorkingSet64 / 1048576.0, _plan);
        }
    }
}
