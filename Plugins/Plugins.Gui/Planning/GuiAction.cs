using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Plugins.Gui.Planning;

/// <summary>
/// One next action: the tool and its arguments. <see cref="Mark"/> is a mark id of the planner's mark list
/// (click, type_text, select_option); <see cref="Text"/>, <see cref="Option"/>, <see cref="Key"/> and
/// <see cref="Direction"/> are set for the tools that take them.
/// </summary>
/// <param name="Kind">The tool.</param>
/// <param name="Mark">The mark id, for click, type_text and select_option.</param>
/// <param name="Text">The text, for type_text.</param>
/// <param name="Option">The option label, for select_option.</param>
/// <param name="Key">The key name (e.g. <c>Enter</c>), for press_key.</param>
/// <param name="Direction">The direction, <c>up</c> or <c>down</c>, for scroll.</param>
public sealed record GuiAction(
    GuiActionKind Kind,
    int? Mark = null,
    string? Text = null,
    string? Option = null,
    string? Key = null,
    string? Direction = null)
{
    /// <summary>Gets the tool name of <see cref="Kind"/> (<c>click</c>, <c>type_text</c>, ...).</summary>
    public string ToolName => ToolNameOf(Kind);

    /// <summary>A click on mark <paramref name="mark"/>.</summary>
    public static GuiAction Click(int mark) => new(GuiActionKind.Click, Mark: mark);

    /// <summary>Typing <paramref name="text"/> into mark <paramref name="mark"/>.</summary>
    public static GuiAction TypeText(int mark, string text) => new(GuiActionKind.TypeText, Mark: mark, Text: text);

    /// <summary>Choosing <paramref name="option"/> in mark <paramref name="mark"/>.</summary>
    public static GuiAction SelectOption(int mark, string option) => new(GuiActionKind.SelectOption, Mark: mark, Option: option);

    /// <summary>Pressing <paramref name="key"/>.</summary>
    public static GuiAction PressKey(string key) => new(GuiActionKind.PressKey, Key: key);

    /// <summary>Scrolling <paramref name="direction"/> (<c>up</c> or <c>down</c>).</summary>
    public static GuiAction Scroll(string direction) => new(GuiActionKind.Scroll, Direction: direction);

    /// <summary>The task is complete.</summary>
    public static GuiAction Done() => new(GuiActionKind.Done);

    /// <summary>The tool name of <paramref name="kind"/>.</summary>
    public static string ToolNameOf(GuiActionKind kind) => kind switch
    {
        GuiActionKind.Click => "click",
        GuiActionKind.TypeText => "type_text",
        GuiActionKind.SelectOption => "select_option",
        GuiActionKind.PressKey => "press_key",
        GuiActionKind.Scroll => "scroll",
        GuiActionKind.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown GuiActionKind."),
    };

    /// <summary>
    /// The call as the local model writes it: <c>{"name":"click","arguments":{"mark":3}}</c>, compact JSON with the
    /// arguments in the declared schema's property order.
    /// </summary>
    public string ToCallJson()
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", ToolName);
            writer.WriteStartObject("arguments");
            switch (Kind)
            {
                case GuiActionKind.Click:
                    writer.WriteNumber("mark", Mark ?? 0);
                    break;
                case GuiActionKind.TypeText:
                    writer.WriteNumber("mark", Mark ?? 0);
                    writer.WriteString("text", Text ?? string.Empty);
                    break;
                case GuiActionKind.SelectOption:
                    writer.WriteNumber("mark", Mark ?? 0);
                    writer.WriteString("option", Option ?? string.Empty);
                    break;
                case GuiActionKind.PressKey:
                    writer.WriteString("key", Key ?? string.Empty);
                    break;
                case GuiActionKind.Scroll:
                    writer.WriteString("direction", Direction ?? "down");
                    break;
                default:
                    break;
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The answer text the local model generates for this action: <c>&lt;tool_call&gt;{...}&lt;/tool_call&gt;</c>.</summary>
    public string ToToolCallText() => "<tool_call>" + ToCallJson() + "</tool_call>";

    /// <summary>A short line for the planner's history, naming the target by <paramref name="targetName"/> when known.</summary>
    /// <param name="targetName">The target element's name (e.g. <c>Email</c>), or null.</param>
    public string Describe(string? targetName = null)
    {
        var target = targetName is null ? string.Create(CultureInfo.InvariantCulture, $"[{Mark}]") : "'" + targetName + "'";
        return Kind switch
        {
            GuiActionKind.Click => "click " + target,
            GuiActionKind.TypeText => $"type_text {target} \"{Text}\"",
            GuiActionKind.SelectOption => $"select_option {target} \"{Option}\"",
            GuiActionKind.PressKey => "press_key " + Key,
            GuiActionKind.Scroll => "scroll " + Direction,
            _ => "done",
        };
    }
}
