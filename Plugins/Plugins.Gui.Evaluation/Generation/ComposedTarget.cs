namespace Plugins.Gui.Evaluation.Generation;

/// <summary>One target the generator asks for: its selector, split and the instruction written for it.</summary>
internal sealed record ComposedTarget(string Selector, string Split, string Instruction);
