using System;
using System.Collections.Generic;
using System.Linq;
using Plugins.Gui.Evaluation;

namespace Agents.Mcp;

/// <summary>Options of <see cref="Microsoft.Extensions.DependencyInjection.PlatformToolsServiceCollectionExtensions.AddPlatformTools"/>: which grounder the GUI tools use and how the browser runs.</summary>
public sealed class PlatformToolsOptions
{
    /// <summary>Gets or sets the GUI grounder: <c>dom</c> (default; accessibility tree and MiniLM), <c>ocr</c> (Tesseract), <c>vision</c> or <c>hybrid</c> (the registered chat client's model).</summary>
    public string Grounder { get; set; } = "dom";

    /// <summary>Gets or sets whether Chromium runs headless. Default true.</summary>
    public bool Headless { get; set; } = true;

    /// <summary>Gets or sets the origins the GUI tools may open; empty: the first origin opened becomes the allowed one.</summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Gets or sets the most GUI actions per session. Default 200.</summary>
    public int MaxSteps { get; set; } = 200;

    /// <summary>Throws when an option is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (!GrounderFactory.Names.Contains(Grounder))
        {
            throw new ArgumentException($"PlatformToolsOptions.Grounder is '{Grounder}'; use one of {string.Join(", ", GrounderFactory.Names)}.", nameof(Grounder));
        }

        if (MaxSteps < 1)
        {
            throw new ArgumentException($"PlatformToolsOptions.MaxSteps is {MaxSteps}; expected at least 1.", nameof(MaxSteps));
        }
    }
}
