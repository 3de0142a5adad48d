namespace Plugins.Gui.Grounding.Matching;

/// <summary>The colour names an instruction can use ("the red button"), and that a candidate's CSS colour maps to.</summary>
public enum NamedColor
{
    /// <summary>Red.</summary>
    Red,

    /// <summary>Orange.</summary>
    Orange,

    /// <summary>Yellow.</summary>
    Yellow,

    /// <summary>Green.</summary>
    Green,

    /// <summary>Blue (cyan and teal included).</summary>
    Blue,

    /// <summary>Purple (violet included).</summary>
    Purple,

    /// <summary>Pink (magenta included).</summary>
    Pink,

    /// <summary>Brown.</summary>
    Brown,

    /// <summary>Grey (gray), any unsaturated colour between black and white.</summary>
    Grey,

    /// <summary>Black.</summary>
    Black,

    /// <summary>White.</summary>
    White,
}
