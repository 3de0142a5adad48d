using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Dom;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Grounding.Vision;

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

    /// <summary>Whether the grounder <paramref name="name"/> uses <see cref="GrounderServices.Embeddings"/> when given (dom, ocr and hybrid match text with them).</summary>
    public static bool UsesEmbeddings(string name) => name is "dom" or "ocr" or "hybrid";

    /// <summary>
    /// Builds the grounder <paramref name="name"/>: <c>dom</c> (<see cref="DomGrounder"/>), <c>ocr</c> (<see cref="OcrGrounder"/>),
    /// <c>vision</c> (<see cref="VisionGrounder"/>) or <c>hybrid</c> (<see cref="HybridGrounder"/> with OCR candidates when an
    /// engine is given and a matcher for pre-ranking). The model grounders use <see cref="GrounderServices.Coordinates"/>,
    /// else the local model's package convention (<see cref="LocalModelCoordinates.FromChatClient"/>), else the 0-999
    /// grid (hybrid: its options' convention).
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown, or a service it needs is missing.</exception>
    public static IGrounder Create(string name, GrounderServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loggers = services.Loggers ?? NullLoggerFactory.Instance;
        return name switch
        {
            "dom" => new DomGrounder(services.Embeddings, logger: loggers.CreateLogger<DomGrounder>()),
            "ocr" => new OcrGrounder(Require(services.Ocr, name, "an OCR engine (GrounderServices.Ocr), e.g. TesseractOcrEngine"), services.Embeddings, logger: loggers.CreateLogger<OcrGrounder>()),
            "vision" => new VisionGrounder(
                Require(services.ChatClient, name, "a vision model (GrounderServices.ChatClient)"),
                new VisionGrounderOptions { Coordinates = Coordinates(services) ?? CoordinateConventions.Grid999 },
                loggers.CreateLogger<VisionGrounder>()),
            "hybrid" => new HybridGrounder(
                Require(services.ChatClient, name, "a vision model (GrounderServices.ChatClient)"),
                services.Ocr,
                new CandidateMatcher(services.Embeddings),
                HybridOptions(services),
                loggers.CreateLogger<HybridGrounder>()),
            _ => throw new ArgumentException($"The grounder '{name}' is unknown; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    // The caller's convention, else the local model's own; null when neither (the grounders' default grid).
    private static ICoordinateConvention? Coordinates(GrounderServices services) =>
        services.Coordinates ?? (services.ChatClient is { } client ? LocalModelCoordinates.FromChatClient(client) : null);

    private static HybridGrounderOptions? HybridOptions(GrounderServices services)
    {
        if (Coordinates(services) is not { } coordinates)
        {
            return services.Hybrid;
        }

        var options = services.Hybrid?.Clone() ?? new HybridGrounderOptions();
        options.Coordinates = coordinates;
        return options;
    }

    private static T Require<T>(T? service, string name, string what)
        where T : class =>
        service ?? throw new ArgumentException($"The {name} grounder needs {what}; none was given.", nameof(service));
}
