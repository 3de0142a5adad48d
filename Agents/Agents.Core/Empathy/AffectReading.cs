using System.Collections.Generic;
using Plugins.Affect.Support;

namespace Agents.Core.Empathy;

/// <summary>What <see cref="EmpathyChatClient"/> read from the user's last message and chose for the reply.</summary>
/// <param name="Tone">positive, negative or neutral (VADER's compound at the 0.05 thresholds).</param>
/// <param name="Compound">VADER's compound score, -1 to 1.</param>
/// <param name="Emotions">The emotions the classifier found (empty when none, or when classification is off).</param>
/// <param name="Strategy">The support strategy chosen for the reply.</param>
public sealed record AffectReading(string Tone, double Compound, IReadOnlyList<string> Emotions, SupportStrategy Strategy);
