using System.IO;
using System.Linq;
using System.Text.Json;
using Agents.TestSupport;
using Agents.Training.Tokenization;
using LocalModel.Tokenization;

namespace Agents.Training.Tests.Tokenization;

public sealed class TrainingSetTokenizerTests
{
    private static readonly string TokenizerFolder = Fixtures.Dir("tiny-llava");

    [Fact]
    public void Tokenize_PromptWithImage_WritesTheRuntimeIdsAndAnAnswerEndingInEos()
    {
        using var temp = new TempDirectory();
        const string Prompt = "A chat. USER: <image>\nFind the save button. ASSISTANT:";
        const string Answer = "(512,300)";
        File.WriteAllText(Path.Combine(temp.Path, TrainingSetTokenizer.ExamplesFileName), Line("gui-vision-000001", Prompt, Answer) + "\n");
        var tokenizer = VlmTokenizer.Load(TokenizerFolder);

        var summary = TrainingSetTokenizer.Tokenize(temp.Path, TokenizerFolder);

        Assert.Equal(1, summary.Examples);
        using var written = JsonDocument.Parse(File.ReadAllLines(summary.TokensFile).Single());
        var prompt = written.RootElement.GetProperty("prompt_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var answer = written.RootElement.GetProperty("answer_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(tokenizer.Encode(Prompt, addBos: true, parseSpecialTokens: true), prompt);
        Assert.Equal(1, prompt[0]);
        Assert.Single(prompt, id => id == 512); // the fixture's image token id: one per image, expanded by the engine
        Assert.Equal(tokenizer.EosTokenIds[0], answer[^1]);
        Assert.Equal(Answer, tokenizer.Decode(answer[..^1], skipSpecialTokens: false).Trim());
    }

    [Fact]
    public void Tokenize_AnswerTextThatLooksLikeASpecialToken_StaysText()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, TrainingSetTokenizer.ExamplesFileName), Line("x-000001", "USER: hi ASSISTANT:", "</s>") + "\n");

        var summary = TrainingSetTokenizer.Tokenize(temp.Path, TokenizerFolder);

        using var written = JsonDocument.Parse(File.ReadAllLines(summary.TokensFile).Single());
        var answer = written.RootElement.GetProperty("answer_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.True(answer.Length > 2, "'</s>' typed as an answer must be spelled in pieces, then the real end-of-sequence id");
        Assert.DoesNotContain(2, answer[..^1]);
    }

    [Fact]
    public void Tokenize_NoExamplesFile_ThrowsNamingTheFolder()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => TrainingSetTokenizer.Tokenize(temp.Path, TokenizerFolder));

        Assert.Contains(temp.Path, error.Message, System.StringComparison.Ordinal);
        Assert.Contains("agents data train", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_LineWithoutAnswer_ThrowsNamingTheLine()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, TrainingSetTokenizer.ExamplesFileName), "{\"id\":\"a\",\"prompt\":\"p\"}\n");

        var error = Assert.Throws<InvalidDataException>(() => TrainingSetTokenizer.Tokenize(temp.Path, TokenizerFolder));

        Assert.Contains("line 1", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("'answer'", error.Message, System.StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, TrainingSetTokenizer.TokensFileName)));
    }

    private static string Line(string id, string prompt, string answer) =>
        JsonSerializer.Serialize(new { id, task = id.Split('-')[0], prompt, images = System.Array.Empty<string>(), answer });
}
