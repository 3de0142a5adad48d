using System;
using System.Collections.Generic;

namespace Plugins.Tools.Selection;

/// <summary>Settings of tool selection: the <c>UseToolSelection</c> middleware, the Semantic Kernel filter and the <c>find_tools</c> function.</summary>
public sealed class ToolSelectionOptions
{
    /// <summary>Gets or sets how many tools the retriever shortlists (default 5; at least 1).</summary>
    public int TopK { get; set; } = 5;

    /// <summary>
    /// Gets or sets the tool count up to which nothing is selected: selection runs only when more functions than this
    /// are offered (default null, meaning <see cref="TopK"/>; at least 0).
    /// </summary>
    public int? MinimumToolCount { get; set; }

    /// <summary>Gets the names of tools that are always kept when offered (ordinal), besides the shortlist; empty by default.</summary>
    public ISet<string> AlwaysInclude { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets the tool count above which selection runs: <see cref="MinimumToolCount"/> or <see cref="TopK"/>.</summary>
    public int EffectiveMinimumToolCount => MinimumToolCount ?? TopK;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (TopK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "ToolSelectionOptions.TopK must be at least 1 (default 5).");
        }

        if (MinimumToolCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumToolCount), MinimumToolCount, "ToolSelectionOptions.MinimumToolCount must be at least 0, or null for TopK.");
        }
    }

    /// <summary>Returns a copy (so later changes to this instance do not affect a client or filter built from it).</summary>
    /// <returns>An equal, independent instance.</returns>
    public ToolSelectionOptions Clone()
    {
        var copy = new ToolSelectionOptions { TopK = TopK, MinimumToolCount = MinimumToolCount };
        copy.AlwaysInclude.UnionWith(AlwaysInclude);
        return copy;
    }
}
