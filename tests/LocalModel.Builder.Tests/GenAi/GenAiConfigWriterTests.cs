using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModel.Builder.GenAi;

namespace LocalModel.Builder.Tests.GenAi;

public class GenAiConfigWriterTests
{
    // The tiny Llama probe of tests/fixtures/scripts/make_genai_probe.py.
    private static readonly GenAiDecoderSpec ProbeSpec = new(
        NumHiddenLayers: 2,
        NumAttentionHeads: 4,
        NumKeyValueHeads: 2,
        HeadSize: 16,
        HiddenSize: 64,
        VocabSize: 514,
        ContextLength: 256,
        BosTokenId: 1,
        EosTokenIds: [2],
        PadTokenId: 0,
        DecoderFileName: "model.onnx");

    [Fact]
    public void ToJson_ProbeSpec_WritesModelFields()
    {
        using var document = JsonDocument.Parse(GenAiConfigWriter.ToJson(ProbeSpec));

        var model = document.RootElement.GetProperty("model");
        Assert.Equal("llama", model.GetProperty("type").GetString());
        Assert.Equal(256, model.GetProperty("context_length").GetInt32());
        Assert.Equal(514, model.GetProperty("vocab_size").GetInt32());
        Assert.Equal(1, model.GetProperty("bos_token_id").GetInt32());
        Assert.Equal(2, model.GetProperty("eos_token_id").GetInt32());
        Assert.Equal(0, model.GetProperty("pad_token_id").GetInt32());
        var decoder = model.GetProperty("decoder");
        Assert.Equal("model.onnx", decoder.GetProperty("filename").GetString());
        Assert.Equal(64, decoder.GetProperty("hidden_size").GetInt32());
        Assert.Equal(4, decoder.GetProperty("num_attention_heads").GetInt32());
        Assert.Equal(2, decoder.GetProperty("num_key_value_heads").GetInt32());
        Assert.Equal(2, decoder.GetProperty("num_hidden_layers").GetInt32());
        Assert.Equal(16, decoder.GetProperty("head_size").GetInt32());
        Assert.Equal(0, decoder.GetProperty("session_options").GetProperty("provider_options").GetArrayLength());
        Assert.False(decoder.GetProperty("session_options").TryGetProperty("intra_op_num_threads", out _));
    }

    [Fact]
    public void ToJson_DefaultNames_WritesGenAiIoNames()
    {
        using var document = JsonDocument.Parse(GenAiConfigWriter.ToJson(ProbeSpec));

        var decoder = document.RootElement.GetProperty("model").GetProperty("decoder");
        var inputs = decoder.GetProperty("inputs");
        Assert.Equal("input_ids", inputs.GetProperty("input_ids").GetString());
        Assert.Equal("attention_mask", inputs.GetProperty("attention_mask").GetString());
        Assert.Equal("position_ids", inputs.GetProperty("position_ids").GetString());
        Assert.Equal("past_key_values.%d.key", inputs.GetProperty("past_key_names").GetString());
        Assert.Equal("past_key_values.%d.value", inputs.GetProperty("past_value_names").GetString());
        var outputs = decoder.GetProperty("outputs");
        Assert.Equal("logits", outputs.GetProperty("logits").GetString());
        Assert.Equal("present.%d.key", outputs.GetProperty("present_key_names").GetString());
        Assert.Equal("present.%d.value", outputs.GetProperty("present_value_names").GetString());
    }

    [Fact]
    public void ToJson_ProbeSpec_WritesGreedySearch()
    {
        using var document = JsonDocument.Parse(GenAiConfigWriter.ToJson(ProbeSpec));

        var search = document.RootElement.GetProperty("search");
        Assert.False(search.GetProperty("do_sample").GetBoolean());
        Assert.Equal(1, search.GetProperty("num_beams").GetInt32());
        Assert.Equal(256, search.GetProperty("max_length").GetInt32());
        Assert.Equal(0, search.GetProperty("min_length").GetInt32());
        Assert.False(search.GetProperty("past_present_share_buffer").GetBoolean());
    }

    [Fact]
    public void ToJson_ProbeSpec_MatchesConfigVerifiedWithGenAi()
    {
        // probe_genai_config.json ran the probe decoder in ONNX Runtime GenAI 0.18 (see Agents/Agents.Bench.GenAi/README.md).
        var verified = File.ReadAllText(Path.Combine(FindRepositoryRoot(), "tests", "fixtures", "genai", "probe_genai_config.json"));

        Assert.Equal(verified, GenAiConfigWriter.ToJson(ProbeSpec));
    }

    [Fact]
    public void ToJson_SeveralEosIds_WritesArrayWithPrimaryFirst()
    {
        var spec = ProbeSpec with { EosTokenIds = [2, 7] };

        using var document = JsonDocument.Parse(GenAiConfigWriter.ToJson(spec));

        var eos = document.RootElement.GetProperty("model").GetProperty("eos_token_id");
        Assert.Equal([2, 7], eos.EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public void ToJson_ThreadsAndMaxLength_WritesSessionAndSearchOptions()
    {
        var spec = ProbeSpec with { IntraOpNumThreads = 2, MaxLength = 64 };

        using var document = JsonDocument.Parse(GenAiConfigWriter.ToJson(spec));

        var sessionOptions = document.RootElement.GetProperty("model").GetProperty("decoder").GetProperty("session_options");
        Assert.Equal(2, sessionOptions.GetProperty("intra_op_num_threads").GetInt32());
        Assert.Equal(64, document.RootElement.GetProperty("search").GetProperty("max_length").GetInt32());
    }

    [Fact]
    public void ToJson_CustomNames_WritesThem()
    {
        var spec = ProbeSpec with { IoNames = GenAiDecoderIoNames.Default with { PastKeyNames = "past.%d.k", Logits = "lm_logits" } };

        using var document = JsonDocument.Parse(GenAiConfigWriter.ToJson(spec));

        var decoder = document.RootElement.GetProperty("model").GetProperty("decoder");
        Assert.Equal("past.%d.k", decoder.GetProperty("inputs").GetProperty("past_key_names").GetString());
        Assert.Equal("lm_logits", decoder.GetProperty("outputs").GetProperty("logits").GetString());
    }

    [Theory]
    [InlineData("heads", "NumAttentionHeads")]
    [InlineData("layers", "NumHiddenLayers")]
    [InlineData("eos", "EosTokenIds")]
    [InlineData("noEos", "EosTokenIds")]
    [InlineData("pad", "PadTokenId")]
    [InlineData("pattern", "PresentKeyNames")]
    [InlineData("file", "DecoderFileName")]
    [InlineData("maxLength", "MaxLength")]
    [InlineData("threads", "IntraOpNumThreads")]
    public void ToJson_InvalidSpec_ThrowsNamingField(string defect, string field)
    {
        var spec = defect switch
        {
            "heads" => ProbeSpec with { NumAttentionHeads = 3 },
            "layers" => ProbeSpec with { NumHiddenLayers = 0 },
            "eos" => ProbeSpec with { EosTokenIds = [514] },
            "noEos" => ProbeSpec with { EosTokenIds = [] },
            "pad" => ProbeSpec with { PadTokenId = -1 },
            "pattern" => ProbeSpec with { IoNames = GenAiDecoderIoNames.Default with { PresentKeyNames = "present.key" } },
            "file" => ProbeSpec with { DecoderFileName = "/abs/model.onnx" },
            "maxLength" => ProbeSpec with { MaxLength = 257 },
            "threads" => ProbeSpec with { IntraOpNumThreads = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var error = Assert.ThrowsAny<ArgumentException>(() => GenAiConfigWriter.ToJson(spec));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ExistingFolder_WritesConfigAndNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("genai-config-");
        try
        {
            var path = GenAiConfigWriter.Write(ProbeSpec, folder.FullName);

            Assert.Equal(Path.Combine(folder.FullName, "genai_config.json"), path);
            Assert.Equal(GenAiConfigWriter.ToJson(ProbeSpec), File.ReadAllText(path));
            Assert.Equal("genai_config.json", Path.GetFileName(Assert.Single(Directory.GetFiles(folder.FullName))));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Write_MissingFolder_ThrowsDirectoryNotFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), "genai-config-missing-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => GenAiConfigWriter.Write(ProbeSpec, missing));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Agents.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Agents.sln above '{AppContext.BaseDirectory}'; run the tests from the repository checkout.");
    }
}
