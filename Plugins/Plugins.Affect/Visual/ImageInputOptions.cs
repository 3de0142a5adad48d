using System;
using System.IO;

namespace Plugins.Affect.Visual;

/// <summary>How <c>read_image_emotion</c> accepts images given as strings (file paths or <c>data:</c> URIs). Validated when the plugin is created.</summary>
public sealed class ImageInputOptions
{
    /// <summary>Gets or sets the largest image accepted, in bytes (1..256 MiB). Default 20 MiB.</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the folder file paths must lie under (relative paths are resolved against it), or
    /// <see langword="null"/> (default) for any path, relative ones against the current directory. Set it when a
    /// model chooses the paths.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Gets or sets a value indicating whether file paths are accepted at all (else only <c>data:</c> URIs). Default <see langword="true"/>.</summary>
    public bool AllowFiles { get; set; } = true;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is out of range or the root does not exist.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1, nameof(MaxBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBytes, 256L * 1024 * 1024, nameof(MaxBytes));
        if (Root is not null && !Directory.Exists(Root))
        {
            throw new ArgumentException($"ImageInputOptions.Root '{Root}' is not an existing folder.", nameof(Root));
        }
    }
}
