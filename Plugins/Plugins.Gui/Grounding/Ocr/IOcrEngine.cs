using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>Reads the text of a screenshot: words and lines with boxes in the screenshot's pixels.</summary>
public interface IOcrEngine
{
    /// <summary>Recognises the text in <paramref name="screenshot"/>.</summary>
    /// <param name="screenshot">The image (any PNG; boxes come back in its pixels).</param>
    /// <param name="cancellationToken">Cancels before or after recognition.</param>
    Task<OcrResult> RecognizeAsync(PageScreenshot screenshot, CancellationToken cancellationToken = default);
}
