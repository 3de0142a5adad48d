using System;
using System.IO;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>Settings of <see cref="TesseractOcrEngine"/>, with defaults measured on UI screenshots.</summary>
public sealed class TesseractOptions
{
    /// <summary>Environment variable that names the tessdata directory: <c>TESSDATA_PREFIX</c>.</summary>
    public const string DataPathVariable = "TESSDATA_PREFIX";

    /// <summary>
    /// The tessdata directory (holding <c>eng.traineddata</c>); null (the default) uses <c>$TESSDATA_PREFIX</c>, then
    /// Debian's <c>/usr/share/tesseract-ocr/5/tessdata</c> and the other usual paths.
    /// </summary>
    public string? DataPath { get; set; }

    /// <summary>Tesseract language code(s), e.g. <c>eng</c> (the default) or <c>eng+deu</c>.</summary>
    public string Language { get; set; } = "eng";

    /// <summary>
    /// Tesseract's page segmentation mode: 11 (<c>PSM_SPARSE_TEXT</c>, "find as much text as possible in no particular
    /// order") by default, which suits UI screenshots of scattered labels and buttons; 3 (<c>PSM_AUTO</c>) suits
    /// documents. From 0 to 13.
    /// </summary>
    public int PageSegmentationMode { get; set; } = 11;

    /// <summary>
    /// Enlargement before recognition of small images, for small UI text (Tesseract reads text best at 20-30 pixels
    /// high): 2 by default; from 1 (none) to 4. Applied only to images of at most <see cref="UpscaleMaxPixels"/> pixels.
    /// </summary>
    public double UpscaleFactor { get; set; } = 2;

    /// <summary>
    /// The largest image (width times height) that is enlarged: 600,000 by default, so a phone screen or a zoomed crop
    /// is enlarged while a 1280x800 viewport is not (measured on it: after background normalisation the 1x pass read the
    /// same lines, down to 11 px text, in half the time of the 2x pass; smaller targets get the grounder's zoomed pass).
    /// </summary>
    public long UpscaleMaxPixels { get; set; } = 600_000;

    /// <summary>
    /// Flattens every background region (page, button, navigation bar) to white and draws all ink dark before
    /// recognition, so light-on-dark text (white on a blue button) reads like dark-on-light: true by default. Without
    /// it Tesseract missed white text on coloured buttons entirely. One pass, linear in the pixels (tens of ms).
    /// </summary>
    public bool NormalizeBackground { get; set; } = true;

    /// <summary>
    /// Also recognises the inverted image and adds the words it finds where the first pass found none: false by default
    /// (it doubles the time; <see cref="NormalizeBackground"/> covers most light-on-dark text in one pass).
    /// </summary>
    public bool InvertedPass { get; set; }

    /// <summary>How many Tesseract instances may run at once (one instance is not thread-safe): 2 by default; from 1 to 16.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>
    /// OpenMP threads per recognition, set as <c>OMP_THREAD_LIMIT</c> before the library loads when that is unset:
    /// 1 by default (OpenMP threads made recognition about twice slower on a busy 2-core machine); 0 leaves OpenMP alone.
    /// </summary>
    public int OmpThreadLimit { get; set; } = 1;

    /// <summary>Words under this confidence (0..1) are dropped: 0.2 by default.</summary>
    public double MinWordConfidence { get; set; } = 0.2;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException"><see cref="Language"/> is empty.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Language))
        {
            throw new ArgumentException("TesseractOptions.Language must name a language, e.g. 'eng'.", nameof(Language));
        }

        if (PageSegmentationMode is < 0 or > 13)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSegmentationMode), PageSegmentationMode, "TesseractOptions.PageSegmentationMode must be between 0 and 13 (11 = sparse text).");
        }

        if (!(UpscaleFactor is >= 1 and <= 4))
        {
            throw new ArgumentOutOfRangeException(nameof(UpscaleFactor), UpscaleFactor, "TesseractOptions.UpscaleFactor must be between 1 and 4.");
        }

        if (UpscaleMaxPixels < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UpscaleMaxPixels), UpscaleMaxPixels, "TesseractOptions.UpscaleMaxPixels must not be negative.");
        }

        if (MaxConcurrency is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "TesseractOptions.MaxConcurrency must be between 1 and 16.");
        }

        if (OmpThreadLimit is < 0 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(OmpThreadLimit), OmpThreadLimit, "TesseractOptions.OmpThreadLimit must be between 0 and 64.");
        }

        if (!(MinWordConfidence is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinWordConfidence), MinWordConfidence, "TesseractOptions.MinWordConfidence must be between 0 and 1.");
        }
    }

    /// <summary>The tessdata directory to use, checked to hold the language's <c>.traineddata</c> file.</summary>
    /// <exception cref="DirectoryNotFoundException">No directory with the data was found; the message says how to install it.</exception>
    internal string ResolveDataPath()
    {
        var first = Language.Split('+')[0];
        string[] candidates =
        [
            DataPath ?? string.Empty,
            DataPath is null ? Environment.GetEnvironmentVariable(DataPathVariable) ?? string.Empty : string.Empty,
            DataPath is null ? "/usr/share/tesseract-ocr/5/tessdata" : string.Empty,
            DataPath is null ? "/usr/share/tesseract-ocr/4.00/tessdata" : string.Empty,
            DataPath is null ? "/usr/share/tessdata" : string.Empty,
            DataPath is null ? "/usr/local/share/tessdata" : string.Empty,
        ];
        foreach (var candidate in candidates)
        {
            if (candidate.Length > 0 && File.Exists(Path.Combine(candidate, first + ".traineddata")))
            {
                return candidate;
            }
        }

        var where = DataPath is null
            ? $"${DataPathVariable} or /usr/share/tesseract-ocr/5/tessdata"
            : $"TesseractOptions.DataPath '{DataPath}'";
        throw new DirectoryNotFoundException(
            $"No Tesseract data for language '{first}' ({first}.traineddata) was found in {where}. {TesseractNative.InstallHint}");
    }
}
