using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>A generated flow with its site: page file names (relative to the flow's folder) and their HTML.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Pages">The pages, by file name (e.g. <c>index.html</c>, <c>done.html</c>).</param>
public sealed record GeneratedFlow(GuiFlow Flow, IReadOnlyDictionary<string, string> Pages);
