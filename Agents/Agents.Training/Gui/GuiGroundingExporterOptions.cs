using System;

namespace Agents.Training.Gui;

/// <summary>Options of <see cref="GuiGroundingExporter"/>; checked by <see cref="Validate"/>.</summary>
public sealed class GuiGroundingExporterOptions
{
    /// <summary>
    /// Whether hybrid questions include OCR candidates (Tesseract), as <c>agents eval grounding --grounder hybrid</c>
    /// does: true by default, so the marks at training equal the marks at evaluation. Ignored when an OCR engine is given
    /// to the exporter's constructor.
    /// </summary>
    public bool UseOcr { get; init; } = true;

    /// <summary>
    /// Gets whether the hybrid examples number their marks in reading order
    /// (<see cref="Plugins.Gui.Grounding.Hybrid.HybridGrounderOptions.NumberMarksInReadingOrder"/>): true by default, so
    /// the model learns to choose a mark rather than to repeat the matcher's first pick. Evaluate with the same setting.
    /// </summary>
    public bool NumberMarksInReadingOrder { get; init; } = true;

    /// <summary>The share of vision examples answered in the box form <c>[x1,y1,x2,y2]</c> instead of the point: 0.15 by default; from 0 to 1.</summary>
    public double BoxFraction { get; init; } = 0.15;

    /// <summary>Extra targets per screenshot, taken from its DOM candidates with a simple instruction ("the 'Save' button"): 1 by default; from 0 to 10.</summary>
    public int ExtraTargetsPerScreenshot { get; init; } = 1;

    /// <summary>"What is at" questions per screenshot: 1 by default; from 0 to 10.</summary>
    public int DescriptionsPerScreenshot { get; init; } = 1;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (BoxFraction is < 0 or > 1 || double.IsNaN(BoxFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(BoxFraction), BoxFraction, "GuiGroundingExporterOptions.BoxFraction must be between 0 and 1.");
        }

        if (ExtraTargetsPerScreenshot is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraTargetsPerScreenshot), ExtraTargetsPerScreenshot, "GuiGroundingExporterOptions.ExtraTargetsPerScreenshot must be between 0 and 10.");
        }

        if (DescriptionsPerScreenshot is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(DescriptionsPerScreenshot), DescriptionsPerScreenshot, "GuiGroundingExporterOptions.DescriptionsPerScreenshot must be between 0 and 10.");
        }
    }
}
