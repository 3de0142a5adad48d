using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Generation;

/// <summary>A generated page: its file, HTML, viewport, extra files (an iframe's document) and its chosen targets.</summary>
internal sealed record ComposedPage(
    string FileName,
    string Html,
    int Width,
    int Height,
    double DeviceScaleFactor,
    string Kind,
    IReadOnlyList<ComposedTarget> Targets,
    IReadOnlyList<KeyValuePair<string, string>> ExtraFiles);
