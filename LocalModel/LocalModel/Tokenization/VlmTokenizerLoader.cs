using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace LocalModel.Tokenization;

/// <summary>Builds <see cref="VlmTokenizer"/> instances from tokenizer files, validating them on the way.</summary>
internal static class VlmTokenizerLoader
{
    /// <summary>The SentencePiece model file name.</summary>
    public const string SentencePieceFileName = "tokenizer.model";

    private const string OptionsSource = nameof(TokenizerFileOptions) + "." + nameof(TokenizerFileOptions.AdditionalSpecialTokens);

    public static VlmTokenizer Load(string directory, TokenizerFileOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options.Validate();
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Tokenizer folder not found: '{directory}'.");
        }

        var configPath = Path.Combine(directory, TokenizerConfigFile.FileName);
        var generationPath = Path.Combine(directory, TokenizerConfigFile.GenerationFileName);
        var siblings = new SiblingFiles(
            File.Exists(configPath) ? TokenizerConfigFile.Read(configPath) : null,
            generationPath,
            File.Exists(generationPath) ? TokenizerConfigFile.ReadGenerationEosIds(generationPath) : []);

        var jsonPath = Path.Combine(directory, HuggingFaceTokenizerJson.FileName);
        var modelPath = Path.Combine(directory, SentencePieceFileName);
        if (File.Exists(jsonPath))
        {
            var json = HuggingFaceTokenizerJson.Read(jsonPath);
            if (json.UnsupportedReason is null)
            {
                return FromHuggingFaceJson(jsonPath, json, siblings, options);
            }

            if (File.Exists(modelPath))
            {
                return FromSentencePieceModel(modelPath, json, siblings, options);
            }

            throw new NotSupportedException(json.UnsupportedReason);
        }

        if (File.Exists(modelPath))
        {
            return FromSentencePieceModel(modelPath, null, siblings, options);
        }

        throw new FileNotFoundException($"No tokenizer in '{directory}': expected '{HuggingFaceTokenizerJson.FileName}' (byte-level BPE) or '{SentencePieceFileName}' (SentencePiece BPE).", jsonPath);
    }

    public static VlmTokenizer FromSentencePieceModel(string modelPath, HuggingFaceTokenizerJson? json, SiblingFiles? siblings, TokenizerFileOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        options.Validate();
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"SentencePiece model not found: '{modelPath}'; expected a tokenizer.model file (sentencepiece_model.proto).", modelPath);
        }

        var data = File.ReadAllBytes(modelPath);
        var model = SentencePieceModelFile.Read(data, modelPath);
        if (model.ModelType != SentencePieceModelFile.BpeModelType)
        {
            var name = model.ModelType switch { 1 => "UNIGRAM", 3 => "WORD", 4 => "CHAR", _ => model.ModelType.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            throw new NotSupportedException($"'{modelPath}': trainer_spec.model_type is {name}; expected BPE (Llama-style SentencePiece models).");
        }

        var added = MergeAddedTokens(json, siblings?.Config, options);
        SentencePieceTokenizer tokenizer;
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            tokenizer = LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false, specialTokens: added.ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal));
        }
        catch (ArgumentException e)
        {
            throw new NotSupportedException($"'{modelPath}': Microsoft.ML.Tokenizers cannot load this SentencePiece model ({e.Message}); expected a BPE model with identity normalization, as Llama's.", e);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or FormatException)
        {
            throw new InvalidDataException($"'{modelPath}': Microsoft.ML.Tokenizers cannot read this SentencePiece model ({e.Message}).", e);
        }

        if (tokenizer.TreatWhitespaceAsSuffix)
        {
            throw new NotSupportedException($"'{modelPath}': trainer_spec.treat_whitespace_as_suffix is true; expected false.");
        }

        var legacy = options.LegacySentencePieceSegments ?? siblings?.Config?.Legacy ?? true;
        var encoder = new SentencePieceBpeEncoder(model, tokenizer, legacy);

        var entries = new List<(int, byte[], TokenPieceKind)>(model.Pieces.Count + added.Count);
        var specialIds = added.ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, _, type) = model.Pieces[id];
            switch (type)
            {
                case SentencePieceType.Byte when SentencePieceBpeEncoder.TryParseBytePiece(piece, out var value):
                    entries.Add((id, [value], TokenPieceKind.Text));
                    break;
                case SentencePieceType.Control or SentencePieceType.Unknown:
                    entries.Add((id, Encoding.UTF8.GetBytes(piece), TokenPieceKind.Special));
                    specialIds.TryAdd(piece, id);
                    break;
                default:
                    entries.Add((id, Encoding.UTF8.GetBytes(tokenizer.EscapeWhiteSpaces ? piece.Replace('\u2581', ' ') : piece), TokenPieceKind.Text));
                    break;
            }
        }

        var table = BuildTable(entries, added);
        var resolver = new TokenResolver(specialIds, encoder);
        int? modelBos = tokenizer.BeginningOfSentenceId >= 0 && tokenizer.BeginningOfSentenceId < model.Pieces.Count ? tokenizer.BeginningOfSentenceId : null;
        int[] modelEos = tokenizer.EndOfSentenceId >= 0 && tokenizer.EndOfSentenceId < model.Pieces.Count ? [tokenizer.EndOfSentenceId] : [];
        return new VlmTokenizer(
            encoder,
            added,
            specialIds,
            table,
            stripLeadingSpace: tokenizer.AddDummyPrefix,
            ResolveBos(resolver, siblings?.Config) ?? modelBos,
            ResolveEos(resolver, siblings, options, modelEos, table.Count));
    }

    public static VlmTokenizer FromHuggingFaceJson(string path, HuggingFaceTokenizerJson? parsed, SiblingFiles? siblings, TokenizerFileOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options.Validate();
        var json = parsed ?? HuggingFaceTokenizerJson.Read(path);
        if (json.UnsupportedReason is not null)
        {
            throw new NotSupportedException(json.UnsupportedReason);
        }

        var added = MergeAddedTokens(json, siblings?.Config, options);
        Regex regex;
        try
        {
            regex = new Regex(json.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new NotSupportedException($"'{path}': the pre-tokenizer pattern is not a .NET regular expression ({e.Message}); pattern: {json.Pattern}", e);
        }

        var specialTokens = added.ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(new BpeOptions(json.Vocabulary)
            {
                Merges = json.Merges,
                ByteLevel = true,
                PreTokenizer = new SurrogateAwareRegexPreTokenizer(regex),
                SpecialTokens = specialTokens,
                UnknownToken = json.UnknownToken is not null && json.Vocabulary.ContainsKey(json.UnknownToken) ? json.UnknownToken : null,
            });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{path}': Microsoft.ML.Tokenizers rejected the BPE vocabulary or merges ({e.Message}).", e);
        }

        var encoder = new ByteLevelBpeEncoder(bpe, json.Vocabulary, json.NormalizeNfc);
        var entries = json.Vocabulary.Select(entry => (entry.Value, ByteLevelBytes(entry.Key), TokenPieceKind.Text)).ToList();
        var table = BuildTable(entries, added);
        var resolver = new TokenResolver(specialTokens, encoder);
        return new VlmTokenizer(
            encoder,
            added,
            specialTokens,
            table,
            stripLeadingSpace: false,
            ResolveBos(resolver, siblings?.Config),
            ResolveEos(resolver, siblings, options, [], table.Count));
    }

    // A byte-level token's characters stand for bytes; a token with other characters decodes as its own UTF-8 (as HF's ByteLevel decoder does).
    private static byte[] ByteLevelBytes(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!ByteLevelAlphabet.TryGetByte(token[i], out bytes[i]))
            {
                return Encoding.UTF8.GetBytes(token);
            }
        }

        return bytes;
    }

    private static TokenPieceTable BuildTable(List<(int, byte[], TokenPieceKind)> entries, IEnumerable<AddedToken> added) =>
        TokenPieceTable.Build(entries.Concat(added.Select(t => (t.Id, Encoding.UTF8.GetBytes(t.Content), t.Special ? TokenPieceKind.Special : TokenPieceKind.Text))));

    // Sources in order: tokenizer.json added_tokens, tokenizer_config.json added_tokens_decoder, options. The same text with another id,
    // or the same id with another text, is an error naming both sources.
    private static List<AddedToken> MergeAddedTokens(HuggingFaceTokenizerJson? json, TokenizerConfigFile? config, TokenizerFileOptions options)
    {
        var sources = new List<(IEnumerable<AddedToken> Tokens, string Source)>();
        if (json is not null)
        {
            sources.Add((json.AddedTokens, $"'{json.Path}' added_tokens"));
        }

        if (config is not null)
        {
            sources.Add((config.AddedTokens, $"'{config.Path}' added_tokens_decoder"));
        }

        if (options.AdditionalSpecialTokens is not null)
        {
            sources.Add((options.AdditionalSpecialTokens.Select(p => new AddedToken(p.Key, p.Value, Special: true)), OptionsSource));
        }

        var byContent = new Dictionary<string, (AddedToken Token, string Source)>(StringComparer.Ordinal);
        var byId = new Dictionary<int, (AddedToken Token, string Source)>();
        foreach (var (tokens, source) in sources)
        {
            foreach (var token in tokens)
            {
                if (byContent.TryGetValue(token.Content, out var known) && known.Token.Id != token.Id)
                {
                    throw new InvalidDataException($"{source} gives '{token.Content}' id {token.Id}, but {known.Source} gives it id {known.Token.Id}; expected one id per added token.");
                }

                if (byId.TryGetValue(token.Id, out var other) && other.Token.Content != token.Content)
                {
                    throw new InvalidDataException($"{source} gives id {token.Id} to '{token.Content}', but {other.Source} gives it to '{other.Token.Content}'; expected one text per added token id.");
                }

                byContent[token.Content] = (token, source);
                byId[token.Id] = (token, source);
            }
        }

        return [.. byContent.Values.Select(v => v.Token).OrderBy(t => t.Id)];
    }

    private static int? ResolveBos(TokenResolver resolver, TokenizerConfigFile? config)
    {
        if (config?.BosToken is not { } bos)
        {
            return null;
        }

        return resolver.TryResolve(bos, out var id)
            ? id
            : throw new InvalidDataException($"'{config.Path}': bos_token '{bos}' is not a token of the tokenizer; expected an added token or vocabulary entry.");
    }

    private static int[] ResolveEos(TokenResolver resolver, SiblingFiles? siblings, TokenizerFileOptions options, int[] modelEos, int vocabularySize)
    {
        var ids = new List<int>();
        if (options.EosTokens is not null)
        {
            foreach (var text in options.EosTokens)
            {
                ids.Add(resolver.TryResolve(text, out var id)
                    ? id
                    : throw new ArgumentException($"{nameof(TokenizerFileOptions)}.{nameof(TokenizerFileOptions.EosTokens)}: '{text}' is not a token of the tokenizer.", nameof(options)));
            }

            return [.. ids.Distinct()];
        }

        ids.AddRange(modelEos);
        if (siblings?.Config?.EosToken is { } eos)
        {
            ids.Add(resolver.TryResolve(eos, out var id)
                ? id
                : throw new InvalidDataException($"'{siblings.Config.Path}': eos_token '{eos}' is not a token of the tokenizer; expected an added token or vocabulary entry."));
        }

        foreach (var id in siblings?.GenerationEosIds ?? [])
        {
            if (id >= vocabularySize)
            {
                throw new InvalidDataException($"'{siblings!.GenerationConfigPath}': eos_token_id {id} is not below the vocabulary size {vocabularySize}.");
            }

            ids.Add(id);
        }

        return [.. ids.Distinct()];
    }

    /// <summary>Configuration files found next to the tokenizer file.</summary>
    internal sealed record SiblingFiles(TokenizerConfigFile? Config, string? GenerationConfigPath, IReadOnlyList<int> GenerationEosIds);

    private sealed class TokenResolver(Dictionary<string, int> specialIds, ISegmentEncoder encoder)
    {
        public bool TryResolve(string text, out int id) => specialIds.TryGetValue(text, out id) || encoder.TryGetVocabularyId(text, out id);
    }
}
