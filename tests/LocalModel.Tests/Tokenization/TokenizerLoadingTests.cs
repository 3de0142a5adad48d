using System;
using System.IO;
using System.Text.Json.Nodes;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Tokenization;

public sealed class TokenizerLoadingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tokenizer-tests-" + Guid.NewGuid().ToString("N"));

    public TokenizerLoadingTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingDirectory()
    {
        var missing = Path.Combine(_directory, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => VlmTokenizer.Load(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyDirectory_ThrowsNamingBothExpectedFiles()
    {
        var error = Assert.Throws<FileNotFoundException>(() => VlmTokenizer.Load(_directory));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.model", error.Message, StringComparison.Ordinal);
        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_MissingFile_ThrowsNamingFile()
    {
        var path = Path.Combine(_directory, "tokenizer.json");

        var error = Assert.Throws<FileNotFoundException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSentencePieceModel_MissingFile_ThrowsNamingFile()
    {
        var path = Path.Combine(_directory, "tokenizer.model");

        var error = Assert.Throws<FileNotFoundException>(() => VlmTokenizer.FromSentencePieceModel(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_MalformedJson_ThrowsInvalidDataNamingFile()
    {
        var path = Write("tokenizer.json", "{ \"model\": { \"type\": \"BPE\", ");

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_JsonArrayInsteadOfObject_ThrowsInvalidData()
    {
        var path = Write("tokenizer.json", "[1, 2]");

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains("expected an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_UnknownModelType_ThrowsNotSupportedNamingField()
    {
        var path = WriteByteLevelJson(json => json["model"]!["type"] = "Unigram");

        var error = Assert.Throws<NotSupportedException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("model.type is 'Unigram'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_SentencePieceStyleBpe_ThrowsNotSupportedPointingToTokenizerModel()
    {
        var path = WriteByteLevelJson(json => json["model"]!["byte_fallback"] = true);

        var error = Assert.Throws<NotSupportedException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains("model.byte_fallback", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_MissingVocab_ThrowsInvalidDataNamingField()
    {
        var path = WriteByteLevelJson(json => json["model"]!.AsObject().Remove("vocab"));

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains("'model.vocab'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_NoPreTokenizer_ThrowsNotSupportedNamingField()
    {
        var path = WriteByteLevelJson(json => json["pre_tokenizer"] = null);

        var error = Assert.Throws<NotSupportedException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains("pre_tokenizer is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_PatternDotNetCannotParse_ThrowsNotSupportedWithPattern()
    {
        var path = WriteByteLevelJson(json => json["pre_tokenizer"]!["pretokenizers"]![0]!["pattern"]!["Regex"] = @"\p{L}++|\s+");

        var error = Assert.Throws<NotSupportedException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains(@"\p{L}++", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_BadMerge_ThrowsInvalidDataNamingEntry()
    {
        var path = WriteByteLevelJson(json => json["model"]!["merges"]![3] = "a b c");

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.FromHuggingFaceJson(path));

        Assert.Contains("model.merges[3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFaceJson_MergesAsPairs_EncodesLikeStringMerges()
    {
        var path = WriteByteLevelJson(json =>
        {
            var pairs = new JsonArray();
            foreach (var merge in json["model"]!["merges"]!.AsArray())
            {
                var parts = merge!.GetValue<string>().Split(' ');
                pairs.Add(new JsonArray(parts[0], parts[1]));
            }

            json["model"]!["merges"] = pairs;
        });
        var reference = TokenizerFixtures.Case("paragraph");

        var tokenizer = VlmTokenizer.FromHuggingFaceJson(path);

        Assert.Equal(reference.ByteLevelIds, tokenizer.Encode(reference.Text, addBos: false));
    }

    [Fact]
    public void Load_SentencePieceStyleJsonNextToModel_UsesSentencePieceModel()
    {
        File.Copy(Path.Combine(TokenizerFixtures.SentencePieceDirectory, "tokenizer.model"), Path.Combine(_directory, "tokenizer.model"));
        Write("tokenizer.json", """
            {
              "added_tokens": [
                { "id": 0, "content": "<unk>", "special": true }, { "id": 1, "content": "<s>", "special": true },
                { "id": 2, "content": "</s>", "special": true }, { "id": 512, "content": "<image>", "special": true },
                { "id": 513, "content": "<pad>", "special": true }
              ],
              "model": { "type": "BPE", "byte_fallback": true, "vocab": {}, "merges": [] }
            }
            """);
        var reference = TokenizerFixtures.Case("image_middle");

        var tokenizer = VlmTokenizer.Load(_directory);

        Assert.Equal(reference.SentencePieceIds, tokenizer.Encode(reference.Text, addBos: true));
        Assert.Equal([2], tokenizer.EosTokenIds);
    }

    [Fact]
    public void Load_SentencePieceStyleJsonAlone_ThrowsNotSupportedNamingFile()
    {
        var path = Write("tokenizer.json", """{ "model": { "type": "BPE", "byte_fallback": true, "vocab": {}, "merges": [] } }""");

        var error = Assert.Throws<NotSupportedException>(() => VlmTokenizer.Load(_directory));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AddedTokenIdsDisagree_ThrowsNamingBothFiles()
    {
        CopyByteLevelFixture();
        var configPath = Path.Combine(_directory, "tokenizer_config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["added_tokens_decoder"]!["512"]!["content"] = "<img>";
        File.WriteAllText(configPath, config.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.Load(_directory));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer_config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigEosTokenUnknown_ThrowsNamingFileAndField()
    {
        CopyByteLevelFixture();
        var configPath = Path.Combine(_directory, "tokenizer_config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["eos_token"] = "<|eot_id|>";
        File.WriteAllText(configPath, config.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.Load(_directory));

        Assert.Contains(configPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("eos_token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigAddedTokensDecoderNotAnObject_ThrowsNamingField()
    {
        CopyByteLevelFixture();
        Write("tokenizer_config.json", """{ "added_tokens_decoder": [1, 2] }""");

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.Load(_directory));

        Assert.Contains("'added_tokens_decoder'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GenerationConfigEosIds_AreAddedAfterConfigEos()
    {
        CopyByteLevelFixture();
        Write("generation_config.json", """{ "eos_token_id": [511, 509] }""");

        var tokenizer = VlmTokenizer.Load(_directory);

        Assert.Equal([511, 509], tokenizer.EosTokenIds);
    }

    [Fact]
    public void Load_GenerationConfigEosIdOutsideVocabulary_ThrowsNamingFile()
    {
        CopyByteLevelFixture();
        var path = Write("generation_config.json", """{ "eos_token_id": 151645 }""");

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.Load(_directory));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSentencePieceModel_TruncatedFile_ThrowsInvalidDataNamingFile()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TokenizerFixtures.SentencePieceDirectory, "tokenizer.model"));
        var path = Path.Combine(_directory, "tokenizer.model");
        File.WriteAllBytes(path, bytes.AsSpan(0, 100).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => VlmTokenizer.FromSentencePieceModel(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSentencePieceModel_UnigramModel_ThrowsNotSupportedNamingModelType()
    {
        // ModelProto { pieces { piece: "<unk>" score: 0 type: UNKNOWN } trainer_spec { model_type: UNIGRAM } }
        byte[] proto =
        [
            0x0A, 0x0C, 0x0A, 0x05, (byte)'<', (byte)'u', (byte)'n', (byte)'k', (byte)'>', 0x15, 0, 0, 0, 0, 0x18, 0x02,
            0x12, 0x02, 0x18, 0x01,
        ];
        var path = Path.Combine(_directory, "tokenizer.model");
        File.WriteAllBytes(path, proto);

        var error = Assert.Throws<NotSupportedException>(() => VlmTokenizer.FromSentencePieceModel(path));

        Assert.Contains("trainer_spec.model_type is UNIGRAM", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSentencePieceModel_WithoutConfig_NeedsOptionsForImageToken()
    {
        var path = Path.Combine(TokenizerFixtures.SentencePieceDirectory, "tokenizer.model");

        var bare = VlmTokenizer.FromSentencePieceModel(path);
        var withImage = VlmTokenizer.FromSentencePieceModel(path, new TokenizerFileOptions
        {
            AdditionalSpecialTokens = new System.Collections.Generic.Dictionary<string, int> { ["<image>"] = 512 },
        });

        Assert.False(bare.TryGetSpecialTokenId("<image>", out _));
        Assert.Equal(512, bare.VocabularySize);
        Assert.Contains(512, withImage.Encode("a <image> b", addBos: true));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string WriteByteLevelJson(Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(TokenizerFixtures.ByteLevelDirectory, "tokenizer.json")))!;
        edit(json);
        return Write("tokenizer.json", json.ToJsonString());
    }

    private void CopyByteLevelFixture()
    {
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(TokenizerFixtures.ByteLevelDirectory, name), Path.Combine(_directory, name));
        }
    }
}
