using System;

namespace Plugins.Tools.Retrieval.Lexical;

/// <summary>Settings of <see cref="Bm25ToolRetriever"/>. Defaults are Robertson and Zaragoza's usual values.</summary>
public sealed class Bm25Options
{
    /// <summary>Gets or sets k1, the term-frequency saturation (default 1.2; at least 0).</summary>
    public double K1 { get; set; } = 1.2;

    /// <summary>Gets or sets b, the document-length normalisation (default 0.75; 0 to 1).</summary>
    public double B { get; set; } = 0.75;

    /// <summary>
    /// Gets or sets how much a term in the tool's name counts relative to one in its description or parameters
    /// (default 2: each name term occurrence adds 2 to the term frequency and the document length; greater than 0).
    /// </summary>
    public double NameWeight { get; set; } = 2.0;

    /// <summary>Gets or sets whether the parameters' descriptions from the JSON schema are indexed (default true; parameter names always are).</summary>
    public bool IndexParameterDescriptions { get; set; } = true;

    /// <summary>Gets or sets how many catalogues' indexes are kept (default 16; at least 1).</summary>
    public int CacheCapacity { get; set; } = 16;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (!(K1 >= 0) || double.IsInfinity(K1))
        {
            throw new ArgumentOutOfRangeException(nameof(K1), K1, "Bm25Options.K1 must be a finite number >= 0 (default 1.2).");
        }

        if (!(B is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(B), B, "Bm25Options.B must be between 0 and 1 (default 0.75).");
        }

        if (!(NameWeight > 0) || double.IsInfinity(NameWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(NameWeight), NameWeight, "Bm25Options.NameWeight must be a finite number > 0 (default 2).");
        }

        if (CacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheCapacity), CacheCapacity, "Bm25Options.CacheCapacity must be at least 1 (default 16).");
        }
    }
}
