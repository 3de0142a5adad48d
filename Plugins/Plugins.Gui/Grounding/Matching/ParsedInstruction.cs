using System.Collections.Generic;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// What <see cref="InstructionParser"/> found in an instruction: the target phrase and the words that constrain it
/// (role, ordinal, position, colour) or say what to do with it (the action verb).
/// </summary>
public sealed record ParsedInstruction
{
    /// <summary>The instruction as given.</summary>
    public required string Instruction { get; init; }

    /// <summary>
    /// The words that name the target, without the verb, articles and the role, ordinal, position and colour words
    /// ("Sign in" for "click the Sign in button"); empty when only those constrain it ("the red button").
    /// </summary>
    public required string Target { get; init; }

    /// <summary>
    /// The target with the unquoted words around a quoted phrase ("delete draft" for <c>delete the "draft" label</c>);
    /// the same as <see cref="Target"/> when nothing was quoted.
    /// </summary>
    public string FullTarget { get; init; } = string.Empty;

    /// <summary>Whether <see cref="Target"/> came from quotes and must appear as written.</summary>
    public bool IsExactPhrase { get; init; }

    /// <summary>
    /// Role keys named by the instruction, head noun first: <c>button</c>, <c>link</c>, <c>textbox</c>,
    /// <c>checkbox</c>, <c>combobox</c>, <c>menu</c>, <c>tab</c>, <c>icon</c>, <c>image</c>, <c>heading</c>,
    /// <c>radio</c>, <c>switch</c>, <c>row</c>, <c>item</c>, <c>option</c>, <c>slider</c>, <c>list</c>, and the nouns
    /// that usually name links or buttons: <c>folder</c>, <c>label</c>, <c>category</c>, <c>product</c>, <c>logo</c>.
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The role words as written ("button", "field"), for the embedding text.</summary>
    public IReadOnlyList<string> RoleWords { get; init; } = [];

    /// <summary>A role the verb implies when no role word is given: <c>textbox</c> for "type", <c>checkbox</c> for "check".</summary>
    public string? ImpliedRole { get; init; }

    /// <summary>1-based position in reading order among similar matches ("second" is 2); negative counts from the end ("last" is -1).</summary>
    public int? Ordinal { get; init; }

    /// <summary>Where on the screen, when the instruction says ("top right").</summary>
    public PositionHint? Position { get; init; }

    /// <summary>The colour named ("the red button").</summary>
    public NamedColor? Color { get; init; }

    /// <summary>The colour word as written, which may also belong to a name ("Green tea").</summary>
    public string? ColorWord { get; init; }

    /// <summary>The leading action verb, lower-case ("click", "type"); null when there is none.</summary>
    public string? Verb { get; init; }

    /// <summary>Text to type or option to select that the instruction carries ("type 'hello' into ..."), when any.</summary>
    public string? Value { get; init; }

    /// <summary>Whether the instruction starts with an action verb, so that interactive candidates are preferred.</summary>
    public bool HasActionVerb => Verb is not null;

    /// <summary>The target phrase with its role words ("sign in button"), the text embedded for semantic matching.</summary>
    public string EmbeddingText
    {
        get
        {
            var target = FullTarget.Length > 0 ? FullTarget : Target;
            return RoleWords.Count == 0 ? target : (target + " " + string.Join(' ', RoleWords)).Trim();
        }
    }
}
