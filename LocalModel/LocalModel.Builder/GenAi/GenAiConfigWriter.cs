using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace LocalModel.Builder.GenAi;

/// <summary>
/// Writes the <c>genai_config.json</c> that ONNX Runtime GenAI (0.18) needs to run a decoder-only graph, so the
/// same decoder can be benchmarked against GenAI as a peer engine.
/// </summary>
/// <remarks>
/// GenAI's configuration parser rejects unknown keys, so only keys it knows are written. The search section
/// requests greedy decoding: no sampling, one beam, no penalties. The class is stateless and thread-safe.
/// </remarks>
public static class GenAiConfigWriter
{
    /// <summary>The file name GenAI looks for in a model folder.</summary>
    public const string FileName = "genai_config.json";

    private const string LayerPlaceholder = "%d";

    /// <summary>Renders the configuration for <paramref name="spec"/> as indented JSON.</summary>
    /// <param name="spec">The decoder to describe.</param>
    /// <returns>The JSON text, UTF-8 compatible, ending with a newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException">A field of <paramref name="spec"/> is out of range; the message names it.</exception>
    public static string ToJson(GenAiDecoderSpec spec)
    {
        Validate(spec);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteConfig(json, spec);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes <see cref="FileName"/> for <paramref name="spec"/> into <paramref name="directory"/>, replacing an
    /// existing file. The text goes to a temporary file first, so a failure leaves no half-written configuration.
    /// </summary>
    /// <param name="spec">The decoder to describe.</param>
    /// <param name="directory">An existing folder, normally the one holding the decoder graph.</param>
    /// <returns>The full path of the written file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="directory"/> is null.</exception>
    /// <exception cref="ArgumentException">A field of <paramref name="spec"/> is out of range.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static string Write(GenAiDecoderSpec spec, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var text = ToJson(spec);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"GenAI model folder '{directory}' does not exist.");
        }

        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }

    private static void WriteConfig(Utf8JsonWriter json, GenAiDecoderSpec spec)
    {
        var names = spec.IoNames;
        json.WriteStartObject();

        json.WriteStartObject("model");
        json.WriteString("type", spec.ModelType);
        json.WriteNumber("context_length", spec.ContextLength);
        json.WriteNumber("vocab_size", spec.VocabSize);
        json.WriteNumber("bos_token_id", spec.BosTokenId);
        if (spec.EosTokenIds.Count == 1)
        {
            json.WriteNumber("eos_token_id", spec.EosTokenIds[0]);
        }
        else
        {
            // GenAI accepts an array; the first entry is the primary EOS id.
            json.WriteStartArray("eos_token_id");
            foreach (var id in spec.EosTokenIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
        }

        json.WriteNumber("pad_token_id", spec.PadTokenId);

        json.WriteStartObject("decoder");
        json.WriteString("filename", spec.DecoderFileName);
        json.WriteStartObject("session_options");
        json.WriteString("log_id", "onnxruntime-genai");
        if (spec.IntraOpNumThreads is int threads)
        {
            json.WriteNumber("intra_op_num_threads", threads);
        }

        // An empty provider list means the CPU execution provider.
        json.WriteStartArray("provider_options");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNumber("hidden_size", spec.HiddenSize);
        json.WriteNumber("num_attention_heads", spec.NumAttentionHeads);
        json.WriteNumber("num_key_value_heads", spec.NumKeyValueHeads);
        json.WriteNumber("num_hidden_layers", spec.NumHiddenLayers);
        json.WriteNumber("head_size", spec.HeadSize);
        json.WriteStartObject("inputs");
        json.WriteString("input_ids", names.InputIds);
        json.WriteString("attention_mask", names.AttentionMask);
        json.WriteString("position_ids", names.PositionIds);
        json.WriteString("past_key_names", names.PastKeyNames);
        json.WriteString("past_value_names", names.PastValueNames);
        json.WriteEndObject();
        json.WriteStartObject("outputs");
        json.WriteString("logits", names.Logits);
        json.WriteString("present_key_names", names.PresentKeyNames);
        json.WriteString("present_value_names", names.PresentValueNames);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteEndObject();

        json.WriteStartObject("search");
        json.WriteBoolean("do_sample", false);
        json.WriteNumber("num_beams", 1);
        json.WriteNumber("num_return_sequences", 1);
        json.WriteNumber("max_length", spec.MaxLength ?? spec.ContextLength);
        json.WriteNumber("min_length", 0);
        json.WriteNumber("top_k", 1);
        json.WriteNumber("top_p", 1.0);
        json.WriteNumber("temperature", 1.0);
        json.WriteNumber("repetition_penalty", 1.0);
        json.WriteNumber("length_penalty", 1.0);
        json.WriteNumber("no_repeat_ngram_size", 0);
        json.WriteNumber("diversity_penalty", 0.0);
        json.WriteBoolean("early_stopping", true);
        json.WriteBoolean("past_present_share_buffer", spec.PastPresentShareBuffer);
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void Validate(GenAiDecoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequirePositive(spec.NumHiddenLayers, nameof(spec.NumHiddenLayers));
        RequirePositive(spec.NumAttentionHeads, nameof(spec.NumAttentionHeads));
        RequirePositive(spec.NumKeyValueHeads, nameof(spec.NumKeyValueHeads));
        RequirePositive(spec.HeadSize, nameof(spec.HeadSize));
        RequirePositive(spec.HiddenSize, nameof(spec.HiddenSize));
        RequirePositive(spec.VocabSize, nameof(spec.VocabSize));
        RequirePositive(spec.ContextLength, nameof(spec.ContextLength));
        if (spec.NumAttentionHeads % spec.NumKeyValueHeads != 0)
        {
            throw new ArgumentException(
                $"GenAiDecoderSpec.NumAttentionHeads ({spec.NumAttentionHeads}) must be a multiple of NumKeyValueHeads ({spec.NumKeyValueHeads}).",
                nameof(spec));
        }

        RequireTokenId(spec.BosTokenId, spec.VocabSize, nameof(spec.BosTokenId));
        RequireTokenId(spec.PadTokenId, spec.VocabSize, nameof(spec.PadTokenId));
        if (spec.EosTokenIds is null || spec.EosTokenIds.Count == 0)
        {
            throw new ArgumentException("GenAiDecoderSpec.EosTokenIds must hold at least one token id.", nameof(spec));
        }

        foreach (var id in spec.EosTokenIds)
        {
            RequireTokenId(id, spec.VocabSize, nameof(spec.EosTokenIds));
        }

        if (string.IsNullOrWhiteSpace(spec.DecoderFileName) || Path.IsPathRooted(spec.DecoderFileName))
        {
            throw new ArgumentException(
                $"GenAiDecoderSpec.DecoderFileName must be a file name relative to the model folder, got '{spec.DecoderFileName}'.",
                nameof(spec));
        }

        if (string.IsNullOrWhiteSpace(spec.ModelType))
        {
            throw new ArgumentException("GenAiDecoderSpec.ModelType must not be empty (use \"llama\").", nameof(spec));
        }

        if (spec.IntraOpNumThreads is int threads)
        {
            RequirePositive(threads, nameof(spec.IntraOpNumThreads));
        }

        if (spec.MaxLength is int maxLength && (maxLength <= 0 || maxLength > spec.ContextLength))
        {
            throw new ArgumentException(
                $"GenAiDecoderSpec.MaxLength must be in [1, ContextLength = {spec.ContextLength}], got {maxLength}.", nameof(spec));
        }

        ValidateNames(spec.IoNames);
    }

    private static void ValidateNames(GenAiDecoderIoNames names)
    {
        if (names is null)
        {
            throw new ArgumentException("GenAiDecoderSpec.IoNames must not be null.", nameof(names));
        }

        RequireName(names.InputIds, nameof(names.InputIds));
        RequireName(names.AttentionMask, nameof(names.AttentionMask));
        RequireName(names.PositionIds, nameof(names.PositionIds));
        RequireName(names.Logits, nameof(names.Logits));
        RequirePattern(names.PastKeyNames, nameof(names.PastKeyNames));
        RequirePattern(names.PastValueNames, nameof(names.PastValueNames));
        RequirePattern(names.PresentKeyNames, nameof(names.PresentKeyNames));
        RequirePattern(names.PresentValueNames, nameof(names.PresentValueNames));
    }

    private static void RequirePositive(int value, string field)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"GenAiDecoderSpec.{field} must be positive, got {value}.", field);
        }
    }

    private static void RequireTokenId(int id, int vocabSize, string field)
    {
        if (id < 0 || id >= vocabSize)
        {
            throw new ArgumentException($"GenAiDecoderSpec.{field} must be in [0, VocabSize = {vocabSize}), got {id}.", field);
        }
    }

    private static void RequireName(string name, string field)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"GenAiDecoderIoNames.{field} must not be empty.", field);
        }
    }

    private static void RequirePattern(string pattern, string field)
    {
        RequireName(pattern, field);
        var first = pattern.IndexOf(LayerPlaceholder, StringComparison.Ordinal);
        if (first < 0 || pattern.IndexOf(LayerPlaceholder, first + 1, StringComparison.Ordinal) >= 0 || pattern.Replace(LayerPlaceholder, string.Empty, StringComparison.Ordinal).Contains('%', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"GenAiDecoderIoNames.{field} must contain exactly one '%d' layer placeholder and no other '%', got '{pattern}'.", field);
        }
    }
}
