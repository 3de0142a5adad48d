using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Dom;

namespace Plugins.Gui.Evaluation;

/// <summary>Maps a grounder's name (<c>dom</c>, <c>ocr</c>, <c>vision</c>, <c>hybrid</c>) to an instance built from <see cref="GrounderServices"/>.</summary>
public static class GrounderFactory
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dom", "ocr", "vision", "hybrid"];

    /// <summary>Whether the grounder <paramref name="name"/> needs <see cref="GrounderServices.ChatClient"/> (a vision model).</summary>
    public static bool NeedsModel(string name) => name is "vision" or "hybrid";

    /// <summary>Whether the grounder <paramref name="name"/> needs <see cref="GrounderServices.Ocr"/>.</summary>
    public static bool NeedsOcr(string name) => name is "ocr" or "hybrid";

    /// <summary>Builds the grounder <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown, or a service it needs is missing.</exception>
    public static IGrounder Create(string name, GrounderServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loggers = services.Loggers ?? NullLoggerFactory.Instance;
        return name switch
        {
            "dom" => new DomGrounder(services.Embeddings, logger: loggers.CreateLogger<DomGrounder>()),
            _ when !Names.Contains(name) => throw new ArgumentException($"The grounder '{name}' is unknown; use one of {string.Join(", ", Names)}.", nameof(name)),
            _ => throw new ArgumentException($"The grounder '{name}' is not part of this build of Plugins.Gui; use one of: dom.", nameof(name)),
        };
    }
}
