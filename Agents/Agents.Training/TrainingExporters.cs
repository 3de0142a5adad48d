using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Agents.Training.Actions;
using Agents.Training.Affect;
using Agents.Training.Gui;
using Agents.Training.Tools;
using Agents.Training.Writing;

namespace Agents.Training;

/// <summary>
/// The exporters <c>agents data train --tasks</c> can run, by name (case-insensitive): a factory per name. Holds the
/// built-ins: <c>gui</c> (<see cref="GuiGroundingExporter"/>), <c>faces</c> (<see cref="AffectFaceExporter"/>),
/// <c>tools</c> (<see cref="ToolSelectionExporter"/> over its own MiniLM embedder), <c>actions</c>
/// (<see cref="GuiActionExporter"/>) and <c>echo</c> (<see cref="EchoTrainingTaskExporter"/>, for tests and smoke
/// runs). Thread-safe.
/// </summary>
public static class TrainingExporters
{
    private static readonly ConcurrentDictionary<string, Func<ITrainingTaskExporter>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [EchoTrainingTaskExporter.ExporterName] = () => new EchoTrainingTaskExporter(),
        ["gui"] = () => new GuiGroundingExporter(),
        ["faces"] = () => new AffectFaceExporter(),
        ["tools"] = () => new MiniLmToolSelectionExporter(),
        ["actions"] = () => new GuiActionExporter(),
    };

    /// <summary>Gets the registered names, sorted.</summary>
    public static IReadOnlyList<string> Known => Factories.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Registers (or replaces) the factory of an exporter.</summary>
    /// <param name="name">The name used in <c>--tasks</c>, e.g. <c>gui</c>; letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="factory">Creates a new exporter.</param>
    /// <exception cref="ArgumentException">The name is empty or holds other characters.</exception>
    public static void Register(string name, Func<ITrainingTaskExporter> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"The exporter name '{name}' may hold ASCII letters, digits, '-' and '_' only.", nameof(name));
        }

        Factories[name] = factory;
    }

    /// <summary>Creates the exporter registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="exporter">The new exporter, when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryCreate(string name, [NotNullWhen(true)] out ITrainingTaskExporter? exporter)
    {
        ArgumentNullException.ThrowIfNull(name);
        exporter = Factories.TryGetValue(name, out var factory) ? factory() : null;
        return exporter is not null;
    }

    /// <summary>Creates the exporter registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The new exporter.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static ITrainingTaskExporter Create(string name) =>
        TryCreate(name, out var exporter)
            ? exporter
            : throw new ArgumentException($"The training task '{name}' is unknown; known: {string.Join(", ", Known)}.", nameof(name));
}
