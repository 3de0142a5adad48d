namespace Plugins.Affect.Stimuli;

/// <summary>
/// How a stimulus is joined to the end of the task prompt. It is always appended after the prompt, never before; the
/// prompt's trailing white space (spaces, tabs, newlines) is replaced by the separator; an empty prompt becomes the
/// stimulus alone.
/// </summary>
public enum StimulusPlacement
{
    /// <summary>One space: <c>"Sort the list.\n"</c> becomes <c>"Sort the list. " + stimulus</c> (the default).</summary>
    AppendWithSpace,

    /// <summary>One newline (<c>\n</c>): <c>"Sort the list. "</c> becomes <c>"Sort the list.\n" + stimulus</c>.</summary>
    AppendOnNewLine,
}
