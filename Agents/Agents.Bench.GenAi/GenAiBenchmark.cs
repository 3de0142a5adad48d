using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Agents.Bench.GenAi;

/// <summary>
/// One loaded GenAI model on the CPU provider, run greedily for a fixed number of new tokens.
/// Not thread-safe: one run at a time.
/// </summary>
internal sealed class GenAiBenchmark : IDisposable
{
    private readonly Config _config;
    private readonly Model _model;

    /// <summary>Loads the model folder, forcing the CPU provider and, when given, the intra-op thread count.</summary>
    /// <param name="modelDirectory">Folder with <c>genai_config.json</c>.</param>
    /// <param name="intraOpThreads">Thread count for the decoder session, or <see langword="null"/> to keep the configured one.</param>
    public GenAiBenchmark(string modelDirectory, int? intraOpThreads)
    {
        _config = new Config(modelDirectory);
        try
        {
            // No providers = ONNX Runtime's CPU execution provider, whatever the folder's config lists.
            _config.ClearProviders();
            if (intraOpThreads is int threads)
            {
                // Overlay merges into the loaded genai_config.json, as if the file said so.
                _config.Overlay(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{{\"model\":{{\"decoder\":{{\"session_options\":{{\"intra_op_num_threads\":{threads}}}}}}}}}"));
            }

            _model = new Model(_config);
        }
        catch
        {
            _config.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends <paramref name="promptIds"/> and generates exactly <paramref name="newTokens"/> tokens greedily.
    /// </summary>
    /// <returns>Time to the first new token (prompt prefill plus its selection), time of the remaining tokens, and the new ids.</returns>
    /// <exception cref="InvalidOperationException">GenAI stopped early or returned an unexpected sequence.</exception>
    public BenchRun Run(IReadOnlyList<int> promptIds, int newTokens)
    {
        var prompt = promptIds.ToArray();
        var maxLength = prompt.Length + newTokens;
        using var generatorParams = new GeneratorParams(_model);
        generatorParams.SetSearchOption("do_sample", false);
        generatorParams.SetSearchOption("max_length", maxLength);
        // GenAI masks every EOS logit while the sequence is shorter than min_length, so EOS cannot end the run early.
        generatorParams.SetSearchOption("min_length", maxLength);
        using var generator = new Generator(_model, generatorParams);

        // AppendTokens runs the prompt through the decoder; the first GenerateNextToken only selects from those logits.
        // Every later GenerateNextToken runs one decoder step on the previous token, then selects.
        var clock = Stopwatch.StartNew();
        generator.AppendTokens(prompt);
        generator.GenerateNextToken();
        var firstToken = clock.Elapsed;
        for (var i = 1; i < newTokens; i++)
        {
            if (generator.IsDone())
            {
                throw new InvalidOperationException($"GenAI stopped after {i} of {newTokens} new tokens.");
            }

            generator.GenerateNextToken();
        }

        var total = clock.Elapsed;

        var sequence = generator.GetSequence(0);
        if (sequence.Length != maxLength || !sequence[..prompt.Length].SequenceEqual(prompt))
        {
            throw new InvalidOperationException(
                $"GenAI returned a sequence of {sequence.Length} ids; expected the {prompt.Length} prompt ids followed by {newTokens} new ids.");
        }

        return new BenchRun(firstToken.TotalMilliseconds, (total - firstToken).TotalMilliseconds, sequence[prompt.Length..].ToArray());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model.Dispose();
        _config.Dispose();
    }
}
