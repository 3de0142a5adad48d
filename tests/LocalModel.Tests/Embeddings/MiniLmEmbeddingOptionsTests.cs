using System;
using LocalModel.Embeddings;
using LocalModel.Runtime;

namespace LocalModel.Tests.Embeddings;

public sealed class MiniLmEmbeddingOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreDocumentedValuesAndValid()
    {
        // Act
        var options = new MiniLmEmbeddingOptions();

        // Assert
        Assert.Equal(256, options.MaxLength);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(ExecutionProviderPreference.Auto, options.ExecutionProvider);
        Assert.Equal(0, options.CudaDeviceId);
        Assert.Equal(0, options.IntraOpThreads);
        Assert.Null(options.ModelAssemblyPath);
        options.Validate();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(512)]
    public void Validate_MaxLengthAtBounds_Passes(int maxLength)
    {
        new MiniLmEmbeddingOptions { MaxLength = maxLength }.Validate();
    }

    [Theory]
    [InlineData(nameof(MiniLmEmbeddingOptions.MaxLength), 1)]
    [InlineData(nameof(MiniLmEmbeddingOptions.MaxLength), 513)]
    [InlineData(nameof(MiniLmEmbeddingOptions.BatchSize), 0)]
    [InlineData(nameof(MiniLmEmbeddingOptions.CudaDeviceId), -1)]
    [InlineData(nameof(MiniLmEmbeddingOptions.IntraOpThreads), -1)]
    public void Validate_OutOfRange_ThrowsNamingTheOption(string option, int value)
    {
        // Arrange
        var options = new MiniLmEmbeddingOptions();
        typeof(MiniLmEmbeddingOptions).GetProperty(option)!.SetValue(options, value);

        // Act
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        // Assert
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void Validate_UnknownExecutionProvider_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new MiniLmEmbeddingOptions { ExecutionProvider = (ExecutionProviderPreference)42 }.Validate);
        Assert.Equal(nameof(MiniLmEmbeddingOptions.ExecutionProvider), ex.ParamName);
    }

    [Fact]
    public void Validate_BlankModelAssemblyPath_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(new MiniLmEmbeddingOptions { ModelAssemblyPath = " " }.Validate);
        Assert.Equal(nameof(MiniLmEmbeddingOptions.ModelAssemblyPath), ex.ParamName);
    }
}
