using System;
using System.Collections.Generic;
using System.Text;
using LocalModel.Tokenization;

namespace LocalModel.Tests.Constrained;

/// <summary>
/// A fake tokenizer with a LLaVA-sized vocabulary of random byte strings, for measuring mask cost: ids 0..2 are
/// special (&lt;unk&gt;, &lt;s&gt;, &lt;/s&gt; = EOS), 3..258 the single bytes, the rest random words (often with a
/// leading space), JSON punctuation runs, digit runs, multi-byte UTF-8 characters and random printable ASCII.
/// </summary>
internal sealed class SyntheticTokenizer : ITextTokenizer
{
    private const string Punctuation = "{}[]\":, _-.<>/\\";
    private readonly List<byte[]> _tokens = new();

    public SyntheticTokenizer(int vocabularySize, int seed)
    {
        var random = new Random(seed);
        _tokens.Add("<unk>"u8.ToArray());
        _tokens.Add("<s>"u8.ToArray());
        _tokens.Add("</s>"u8.ToArray());
        for (var b = 0; b < 256; b++)
        {
            _tokens.Add([(byte)b]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_tokens.Count < vocabularySize)
        {
            var text = random.Next(100) switch
            {
                < 55 => (random.Next(2) == 0 ? " " : string.Empty) + Word(random, 'a', 'z', random.Next(2, 10)),
                < 65 => Word(random, Punctuation, random.Next(1, 4)) + (random.Next(2) == 0 ? Word(random, 'a', 'z', random.Next(1, 6)) : string.Empty),
                < 72 => Word(random, '0', '9', random.Next(1, 5)),
                < 85 => Word(random, '\u4e00', '\u9fff', random.Next(1, 3)),
                _ => Word(random, ' ', '~', random.Next(1, 7)),
            };
            if (seen.Add(text))
            {
                _tokens.Add(Encoding.UTF8.GetBytes(text));
            }
        }
    }

    public int? BosTokenId => 1;

    public IReadOnlyList<int> EosTokenIds { get; } = [2];

    public int VocabularySize => _tokens.Count;

    public int[] Encode(string text, bool addBos, bool parseSpecialTokens = true) => throw new NotSupportedException("The synthetic tokenizer only decodes.");

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = true)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id >= 3 || !skipSpecialTokens)
            {
                bytes.AddRange(_tokens[id]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public bool TryGetSpecialTokenId(string token, out int id)
    {
        id = token switch { "<unk>" => 0, "<s>" => 1, "</s>" => 2, _ => -1 };
        return id >= 0;
    }

    public bool TryGetTokenBytes(int tokenId, out ReadOnlySpan<byte> bytes, out bool isSpecial)
    {
        bytes = default;
        isSpecial = false;
        if ((uint)tokenId >= (uint)_tokens.Count)
        {
            return false;
        }

        bytes = _tokens[tokenId];
        isSpecial = tokenId < 3;
        return true;
    }

    public IStreamingTokenDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => throw new NotSupportedException("The synthetic tokenizer has no streaming decoder.");

    private static string Word(Random random, char from, char to, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(from, to + 1);
        }

        return new string(chars);
    }

    private static string Word(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
