using System;

namespace LocalModel.Packaging;

/// <summary>A model package is missing a file, has an invalid manifest, or disagrees with its graphs. The message names what and where.</summary>
public sealed class ModelPackageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ModelPackageException"/> class.</summary>
    public ModelPackageException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModelPackageException"/> class.</summary>
    public ModelPackageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModelPackageException"/> class.</summary>
    public ModelPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
