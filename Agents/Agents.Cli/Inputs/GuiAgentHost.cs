using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Agents.Core.Gui;
using LocalModel.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Evaluation;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Seeing;

namespace Agents.Cli.Inputs;

/// <summary>
/// What <c>agents demo</c> and <c>agents gui</c> share: the grounder (with its MiniLM or Tesseract), Chromium, one task
/// session limited to the allowed origins, the GUI plugin and the GUI agent over the chosen model. Disposes them in order.
/// </summary>
internal sealed class GuiAgentHost : IAsyncDisposable
{
    private readonly MiniLmEmbeddingGenerator? _embeddings;
    private readonly TesseractOcrEngine? _ocr;
    private readonly GuiBrowser _browser;
    private readonly GuiTaskSession _session;

    private GuiAgentHost(MiniLmEmbeddingGenerator? embeddings, TesseractOcrEngine? ocr, GuiBrowser browser, GuiTaskSession session, GuiAgent agent)
    {
        _embeddings = embeddings;
        _ocr = ocr;
        _browser = browser;
        _session = session;
        Agent = agent;
    }

    public GuiAgent Agent { get; }

    /// <summary>Builds the host.</summary>
    /// <param name="model">Plans the steps (and grounds, for the vision and hybrid grounders).</param>
    /// <param name="grounderName">dom, ocr, vision or hybrid.</param>
    /// <param name="allowedOrigins">The origins the task may open.</param>
    /// <param name="headed">Whether Chromium shows its window.</param>
    /// <param name="options">The agent's options.</param>
    /// <param name="loggers">The tool's loggers.</param>
    public static GuiAgentHost Create(IChatClient model, string grounderName, IList<string> allowedOrigins, bool headed, GuiAgentOptions options, ILoggerFactory loggers)
    {
        var embeddings = GrounderFactory.UsesEmbeddings(grounderName) ? new MiniLmEmbeddingGenerator() : null;
        var ocr = GrounderFactory.NeedsOcr(grounderName) ? new TesseractOcrEngine() : null;
        var grounder = GrounderFactory.Create(grounderName, new GrounderServices { Embeddings = embeddings, Ocr = ocr, ChatClient = model, Loggers = loggers });
        var browser = new GuiBrowser(new GuiBrowserOptions { Headless = !headed }, loggers.CreateLogger<GuiBrowser>());
        var session = new GuiTaskSession(browser, new GuiTaskOptions { AllowedOrigins = allowedOrigins, MaxSteps = 4 * options.MaxSteps });
        var observer = new PageObserver();
        var gui = new GuiPlugin(session, observer, new ElementResolver(), new HitTester(), grounder, loggers.CreateLogger<GuiPlugin>());
        return new GuiAgentHost(embeddings, ocr, browser, session, new GuiAgent(model, session, gui, observer, options, loggers));
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        await _browser.DisposeAsync().ConfigureAwait(false);
        _ocr?.Dispose();
        _embeddings?.Dispose();
    }
}
