using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;

namespace Agents.Bench.Runtime;

/// <summary>
/// How much quantization changes a model's predictions: the reference package (fp32) generates a greedy continuation
/// per prompt; then, teacher-forced on that continuation, every package's next-token distribution at each position is
/// compared with the reference's (argmax agreement and KL divergence), and each package's own greedy run is compared
/// token by token with the reference's.
/// </summary>
public static class QuantizationAccuracy
{
    /// <summary>The default prompts: varied English requests in the package's chat template.</summary>
    public static IReadOnlyList<string> DefaultPrompts { get; } = new[]
    {
        "Describe a quiet harbour at dawn: the boats, the water, the light and the sounds.",
        "List three things to check before submitting a web form.",
        "Explain why the sky looks blue, in two sentences.",
        "Write a short, friendly reply to a customer whose order arrived late.",
        "Which button would you click to sign in on a typical login page?",
        "Summarise the plot of a story about a lost dog finding its way home.",
        "Give step-by-step directions for making a cup of tea.",
        "What is the difference between a checkbox and a radio button?",
    };

    /// <summary>Runs the comparison of <paramref name="packages"/> against <paramref name="reference"/>.</summary>
    public static async Task<IReadOnlyList<QuantizationAccuracyRow>> RunAsync(string reference, IReadOnlyList<string> packages, int positions, IReadOnlyList<string>? prompts = null, int threads = 1, IBenchmarkProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packages);
        prompts ??= DefaultPrompts;
        progress ??= NoBenchmarkProgress.Instance;
        var engineOptions = new VlmEngineOptions { IntraOpThreads = threads, ExecutionProvider = ExecutionProviderPreference.Cpu };

        // 1. The reference: its greedy continuation and its distribution at every position.
        List<(int[] Prompt, int[] Continuation, double[][] Probabilities)> truth;
        using (var engine = VlmEngine.Load(reference, engineOptions))
        {
            var m = engine.Package.Manifest;
            var step = progress.Start("reference " + DTypeComparison.Label(m), prompts.Count * (positions + 1));
            truth = new();
            foreach (var text in prompts)
            {
                var ids = engine.Tokenizer.Encode(PromptTemplates.FormatUserTurn(m.ChatTemplate, text, 0, m.SpecialTokens.ImageText), addBos: true);
                var run = await engine.GenerateAsync(new GenerationRequest { PromptTokenIds = ids, MaxTokens = positions, IgnoreEndOfSequence = true, Constraint = new PlaceholderBan(m.SpecialTokens.Image) }, cancellationToken).ConfigureAwait(false);
                step.Advance();
                truth.Add((ids, run.TokenIds.ToArray(), await DistributionsAsync(engine, ids, run.TokenIds.ToArray(), step, cancellationToken).ConfigureAwait(false)));
            }

            step.Complete();
        }

        // 2. Each package against it.
        var rows = new List<QuantizationAccuracyRow>();
        foreach (var package in packages)
        {
            using var engine = VlmEngine.Load(package, engineOptions);
            var step = progress.Start(DTypeComparison.Label(engine.Package.Manifest), prompts.Count * (positions + 1));
            var agree = new double[positions];
            var kls = new List<double>();
            var prefixes = new List<double>();
            foreach (var (prompt, continuation, expected) in truth)
            {
                var own = await engine.GenerateAsync(new GenerationRequest { PromptTokenIds = prompt, MaxTokens = positions, IgnoreEndOfSequence = true, Constraint = new PlaceholderBan(engine.Package.Manifest.SpecialTokens.Image) }, cancellationToken).ConfigureAwait(false);
                prefixes.Add(own.TokenIds.Zip(continuation).TakeWhile(p => p.First == p.Second).Count());
                step.Advance();
                var actual = await DistributionsAsync(engine, prompt, continuation, step, cancellationToken).ConfigureAwait(false);
                for (var t = 0; t < positions; t++)
                {
                    agree[t] += ArgMax(actual[t]) == ArgMax(expected[t]) ? 1 : 0;
                    kls.Add(Kl(expected[t], actual[t]));
                }
            }

            step.Complete();
            rows.Add(new QuantizationAccuracyRow(engine.Package.Directory, DTypeComparison.Label(engine.Package.Manifest), agree.Select(a => a / truth.Count).ToArray(), kls.Average(), kls.Max(), prefixes.Average()));
        }

        return rows;
    }

    /// <summary>The next-token distribution after the prompt plus each prefix of <paramref name="continuation"/>.</summary>
    private static async Task<double[][]> DistributionsAsync(VlmEngine engine, int[] prompt, int[] continuation, IBenchmarkStep step, CancellationToken cancellationToken)
    {
        var result = new double[continuation.Length][];
        for (var t = 0; t < continuation.Length; t++)
        {
            var ids = prompt.Concat(continuation.Take(t)).ToArray();
            var r = await engine.GenerateAsync(new GenerationRequest { PromptTokenIds = ids, MaxTokens = 1, CapturePrefillLogits = true, IgnoreEndOfSequence = true }, cancellationToken).ConfigureAwait(false);
            result[t] = Softmax(r.PrefillLogits!);
            step.Advance();
        }

        return result;
    }

    /// <summary>
    /// Keeps the image placeholder out of greedy continuations (a weak or random model may pick it), because a
    /// continuation is fed back as prompt ids, where the placeholder would ask for an image.
    /// </summary>
    private sealed class PlaceholderBan : ITokenConstraint
    {
        private readonly int _placeholder;

        public PlaceholderBan(int placeholder) => _placeholder = placeholder;

        public bool IsComplete => false;

        public void Mask(Span<float> logits)
        {
            if ((uint)_placeholder < (uint)logits.Length)
            {
                logits[_placeholder] = float.NegativeInfinity;
            }
        }

        public void Accept(int tokenId)
        {
        }
    }

    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var p = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = p.Sum();
        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }

        return p;
    }

    private static double Kl(double[] p, double[] q)
    {
        var kl = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
            {
                kl += p[i] * Math.Log(p[i] / Math.Max(q[i], 1e-300));
            }
        }

        return Math.Max(0, kl);
    }

    private static int ArgMax(double[] p)
    {
        var best = 0;
        for (var i = 1; i < p.Length; i++)
        {
            if (p[i] > p[best])
            {
                best = i;
            }
        }

        return best;
    }
}
