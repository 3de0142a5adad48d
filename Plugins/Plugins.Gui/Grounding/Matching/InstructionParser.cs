using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Reads a grounding instruction ("click the second Delete link", "type into the email field", "the search box at
/// the top right", "the red button") into a <see cref="ParsedInstruction"/>: it strips a leading action verb
/// (click, press, tap, select, open, find, type into, choose, check, ...), articles and filler words, takes quoted
/// text as an exact phrase, and picks out role words (the head noun: "button", "link", "field", "checkbox",
/// "dropdown", "tab", "icon", "folder", "logo", ...), ordinal words ("first" to "tenth", "2nd", "last", "second to last"), position
/// words ("top", "bottom left", "centre", "upper", ...) and colour words ("red", "grey", ...). What remains is the
/// target phrase. Thread-safe (no state).
/// </summary>
public static partial class InstructionParser
{
    private enum VerbKind
    {
        Plain,
        Type,
        Select,
    }

    private static readonly (string[] Words, string Verb, string? ImpliedRole, VerbKind Kind)[] Verbs = BuildVerbs();

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["1st"] = 1, ["second"] = 2, ["2nd"] = 2, ["third"] = 3, ["3rd"] = 3, ["fourth"] = 4, ["4th"] = 4,
        ["fifth"] = 5, ["5th"] = 5, ["sixth"] = 6, ["6th"] = 6, ["seventh"] = 7, ["7th"] = 7, ["eighth"] = 8, ["8th"] = 8,
        ["ninth"] = 9, ["9th"] = 9, ["tenth"] = 10, ["10th"] = 10, ["last"] = -1, ["penultimate"] = -2,
    };

    private static readonly Dictionary<string, (double? X, double? Y, bool Centre)> PositionWords = new(StringComparer.Ordinal)
    {
        ["top"] = (null, 0, false), ["upper"] = (null, 0, false), ["topmost"] = (null, 0, false),
        ["bottom"] = (null, 1, false), ["lower"] = (null, 1, false), ["bottommost"] = (null, 1, false),
        ["left"] = (0, null, false), ["leftmost"] = (0, null, false),
        ["right"] = (1, null, false), ["rightmost"] = (1, null, false),
        ["centre"] = (null, null, true), ["center"] = (null, null, true), ["middle"] = (null, null, true), ["central"] = (null, null, true),
    };

    private static readonly HashSet<string> PositionPrecedents = new(["the", "at", "in", "on", "far", "very", "near", "upper", "lower", "towards", "toward"], StringComparer.Ordinal);

    private static readonly HashSet<string> PositionFollowers = new(["corner", "side", "edge", "part", "half", "of", "most", "area", "hand"], StringComparer.Ordinal);

    private static readonly HashSet<string> ContextWords = new(
        ["toolbar", "header", "footer", "sidebar", "navbar", "panel", "page", "screen", "window", "corner", "side", "section", "area", "form", "dialog", "modal", "popup", "banner", "pane", "view", "viewport", "site", "app", "edge", "breadcrumb", "breadcrumbs", "navigation", "filters"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> Prepositions = new(["in", "on", "at", "of", "within", "inside", "near", "from", "to"], StringComparer.Ordinal);

    private static readonly HashSet<string> Articles = new(["the", "a", "an", "your", "my", "our", "this", "that"], StringComparer.Ordinal);

    private static readonly HashSet<string> Fillers = new(
        ["labelled", "labeled", "called", "named", "titled", "saying", "says", "marked", "which", "shows", "showing", "displaying", "written", "one", "element", "control", "widget", "thing", "please", "now", "then",
         "little", "small", "tiny", "big", "large", "it", "them", "these", "those", "just", "quickly"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> IntentVerbs = new(
        ["delete", "remove", "close", "dismiss", "add", "save", "share", "download", "upload", "print", "edit", "send", "archive",
         "star", "like", "refresh", "reload", "search", "sort", "filter", "log", "sign", "subscribe", "buy", "book", "cancel",
         "submit", "reply", "forward", "copy", "undo", "redo", "zoom", "play", "pause", "mute", "unmute", "throw", "report",
         "create", "compose", "attach", "rename", "move", "logout", "login", "register", "join", "accept", "decline",
         "reject", "approve", "continue", "confirm", "apply", "clear", "reset", "export", "import", "call", "contact", "mark",
         "bookmark", "favourite", "favorite", "trash", "discard", "invite", "translate", "expand", "collapse", "hide", "unlock", "lock"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> Relations = new(["next", "beside", "besides", "near", "by", "alongside"], StringComparer.Ordinal);

    private static readonly HashSet<string> AttributeNouns = new(["text", "label", "title", "caption", "name", "words", "word"], StringComparer.Ordinal);

    private static readonly Dictionary<string, string> RoleUnigrams = new(StringComparer.Ordinal)
    {
        ["button"] = "button", ["buttons"] = "button", ["btn"] = "button",
        ["link"] = "link", ["links"] = "link", ["hyperlink"] = "link",
        ["field"] = "textbox", ["fields"] = "textbox", ["box"] = "textbox", ["input"] = "textbox", ["textbox"] = "textbox",
        ["textfield"] = "textbox", ["textarea"] = "textbox", ["searchbox"] = "textbox",
        ["checkbox"] = "checkbox", ["checkboxes"] = "checkbox", ["tickbox"] = "checkbox",
        ["dropdown"] = "combobox", ["dropdowns"] = "combobox", ["select"] = "combobox", ["selector"] = "combobox",
        ["combobox"] = "combobox", ["picker"] = "combobox", ["listbox"] = "combobox",
        ["menu"] = "menu",
        ["tab"] = "tab", ["tabs"] = "tab",
        ["icon"] = "icon", ["icons"] = "icon", ["glyph"] = "icon", ["symbol"] = "icon",
        ["image"] = "image", ["images"] = "image", ["picture"] = "image", ["photo"] = "image", ["logo"] = "logo",
        ["thumbnail"] = "image", ["img"] = "image",
        ["heading"] = "heading", ["headline"] = "heading",
        ["radio"] = "radio",
        ["toggle"] = "switch", ["switch"] = "switch",
        ["row"] = "row", ["rows"] = "row",
        ["item"] = "item", ["items"] = "item", ["entry"] = "item",
        ["option"] = "option",
        ["slider"] = "slider",
        ["list"] = "list",
        ["folder"] = "folder", ["folders"] = "folder", ["mailbox"] = "folder",
        ["label"] = "label", ["tag"] = "label", ["chip"] = "label",
        ["category"] = "category", ["categories"] = "category", ["department"] = "category",
        ["product"] = "product", ["products"] = "product",
        ["column"] = "column",
    };

    private static readonly Dictionary<(string, string), string> RoleBigrams = new()
    {
        [("text", "field")] = "textbox", [("text", "box")] = "textbox", [("text", "input")] = "textbox", [("input", "field")] = "textbox",
        [("input", "box")] = "textbox", [("text", "area")] = "textbox", [("entry", "field")] = "textbox",
        [("check", "box")] = "checkbox", [("tick", "box")] = "checkbox", [("radio", "button")] = "radio",
        [("drop", "down")] = "combobox", [("combo", "box")] = "combobox", [("list", "box")] = "combobox", [("select", "box")] = "combobox",
        [("select", "menu")] = "combobox", [("dropdown", "menu")] = "combobox", [("menu", "item")] = "item", [("list", "item")] = "item",
        [("icon", "button")] = "icon", [("column", "header")] = "column", [("column", "heading")] = "column", [("toggle", "switch")] = "switch", [("toggle", "button")] = "switch",
    };

    /// <summary>Parses <paramref name="instruction"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="instruction"/> is null.</exception>
    public static ParsedInstruction Parse(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var words = SplitWords(instruction);

        // The leading action verb ("click on", "type into", "check").
        var start = 0;
        while (start < words.Count && !words[start].Quoted && words[start].Lower is "please" or "now" or "then" or "and")
        {
            start++;
        }

        string? verb = null;
        string? impliedRole = null;
        var kind = VerbKind.Plain;
        foreach (var (verbWords, name, role, verbKind) in Verbs)
        {
            if (start + verbWords.Length <= words.Count && Enumerable.Range(0, verbWords.Length).All(j => !words[start + j].Quoted && words[start + j].Lower == verbWords[j]))
            {
                verb = name;
                impliedRole = role;
                kind = verbKind;
                start += verbWords.Length;
                break;
            }
        }

        // A verb that is itself the target's meaning ("delete the draft label", "share this page") marks an action
        // but stays in the target.
        if (verb is null && start < words.Count && !words[start].Quoted && IntentVerbs.Contains(words[start].Lower))
        {
            verb = words[start].Lower;
        }

        var rest = words.Skip(start).ToList();

        // "type 'hello' into the search box", "enter John as the first name", "select Large from the size dropdown".
        string? value = null;
        if (kind == VerbKind.Type)
        {
            (value, rest) = SplitTypedValue(rest);
        }
        else if (kind == VerbKind.Select)
        {
            (value, rest) = SplitSelectedValue(rest);
        }

        var target = new List<Word>();
        int? ordinal = null;
        double? positionX = null;
        double? positionY = null;
        var centre = false;
        var positionWords = new List<string>();
        NamedColor? color = null;
        string? colorWord = null;
        var exact = false;
        for (var i = 0; i < rest.Count; i++)
        {
            var word = rest[i];
            var lower = word.Lower;
            var next = i + 1 < rest.Count ? rest[i + 1].Lower : null;
            var previous = i > 0 ? rest[i - 1].Lower : null;
            if (word.Quoted)
            {
                exact = true;
                target.Add(word);
                continue;
            }

            if (Articles.Contains(lower) || Fillers.Contains(lower))
            {
                continue;
            }

            // "the x next to travel", "the star beside Priya": the relation word goes, the anchor's words stay.
            if (Relations.Contains(lower) && target.Count > 0 && (lower != "next" || next == "to"))
            {
                if (lower == "next")
                {
                    i++;
                }

                continue;
            }

            // "with the text Save", "with label Email".
            if (lower == "with" && (next is not null && (AttributeNouns.Contains(next) || (Articles.Contains(next) && i + 2 < rest.Count && AttributeNouns.Contains(rest[i + 2].Lower)))))
            {
                i += Articles.Contains(next) ? 2 : 1;
                continue;
            }

            if (ordinal is null && Ordinals.TryGetValue(lower, out var n) && next is not ("name" or "names"))
            {
                // "second to last", "second last", "next to last".
                if (n == 2 && next == "to" && i + 2 < rest.Count && rest[i + 2].Lower == "last")
                {
                    ordinal = -2;
                    i += 2;
                    continue;
                }

                if (n == 2 && next == "last")
                {
                    ordinal = -2;
                    i++;
                    continue;
                }

                ordinal = n;
                continue;
            }

            if (lower == "next" && next == "to" && i + 2 < rest.Count && rest[i + 2].Lower == "last")
            {
                ordinal = -2;
                i += 2;
                continue;
            }

            if (PositionWords.TryGetValue(lower, out var anchor) && IsPositional(previous, next, i == 0, positionWords.Count > 0))
            {
                DropTrailingPrepositions(target);
                positionWords.Add(lower);
                positionX = anchor.X ?? positionX;
                positionY = anchor.Y ?? positionY;
                centre |= anchor.Centre;

                // "corner", "side", "of the page", "hand".
                while (i + 1 < rest.Count && PositionFollowers.Contains(rest[i + 1].Lower) && rest[i + 1].Lower != "of")
                {
                    i++;
                }

                if (i + 1 < rest.Count && rest[i + 1].Lower == "of")
                {
                    var j = i + 2;
                    if (j < rest.Count && Articles.Contains(rest[j].Lower))
                    {
                        j++;
                    }

                    if (j < rest.Count && (ContextWords.Contains(rest[j].Lower) || rest[j].Lower is "list" or "table"))
                    {
                        i = j;
                    }
                }

                continue;
            }

            if (ColorNames.FromWord(lower) is { } named && color is null)
            {
                color = named;
                colorWord = word.Text;
                if (target.Count > 0 && target[^1].Lower is "dark" or "light" or "bright" or "pale")
                {
                    target.RemoveAt(target.Count - 1);
                }

                continue;
            }

            // "search the site", "print the page": the page itself is no part of the target's name.
            if (lower is "site" or "page" or "app" or "screen" or "window" or "website" && previous == "the" && i == rest.Count - 1 && target.Count > 0)
            {
                continue;
            }

            // "in the toolbar", "on the page", "at the header".
            if (ContextWords.Contains(lower) && target.Count > 0 && Prepositions.Contains(target[^1].Lower))
            {
                DropTrailingPrepositions(target);
                if (lower == "header" && positionY is null)
                {
                    positionY = 0;
                    positionWords.Add("header");
                }
                else if (lower == "footer" && positionY is null)
                {
                    positionY = 1;
                    positionWords.Add("footer");
                }

                continue;
            }

            target.Add(word);
        }

        DropTrailingPrepositions(target);
        while (target.Count > 0 && Prepositions.Contains(target[0].Lower) && !target[0].Quoted)
        {
            target.RemoveAt(0);
        }

        var (roles, roleWords) = ExtractRoles(target, impliedRole);
        var fullTarget = string.Join(' ', target.Select(w => w.Text));
        if (exact)
        {
            // A quoted phrase is the name; the unquoted words around it only constrain it.
            var quoted = target.Where(w => w.Quoted).Select(w => w.Text);
            target = [.. quoted.Select(q => new Word(q, q.ToLowerInvariant(), true))];
        }

        // A logo sits at the top left unless the instruction says otherwise.
        if (positionWords.Count == 0 && roles.Contains("logo"))
        {
            positionX = 0;
            positionY = 0;
            positionWords.Add("logo");
        }

        PositionHint? position = null;
        if (positionWords.Count > 0)
        {
            if (centre)
            {
                positionX ??= 0.5;
                positionY ??= 0.5;
            }

            position = new PositionHint(positionX, positionY, string.Join(' ', positionWords));
        }

        return new ParsedInstruction
        {
            Instruction = instruction,
            Target = string.Join(' ', target.Select(w => w.Text)),
            IsExactPhrase = exact,
            FullTarget = fullTarget,
            Roles = roles,
            RoleWords = roleWords,
            ImpliedRole = roles.Count == 0 ? impliedRole : null,
            Ordinal = ordinal,
            Position = position,
            Color = color,
            ColorWord = colorWord,
            Verb = verb,
            Value = value,
        };
    }

    private static bool IsPositional(string? previous, string? next, bool first, bool afterPosition) =>
        afterPosition
        || first
        || (previous is not null && PositionPrecedents.Contains(previous))
        || (next is not null && (PositionWords.ContainsKey(next) || PositionFollowers.Contains(next)));

    private static void DropTrailingPrepositions(List<Word> target)
    {
        while (target.Count > 0 && !target[^1].Quoted && (Prepositions.Contains(target[^1].Lower) || Articles.Contains(target[^1].Lower)))
        {
            target.RemoveAt(target.Count - 1);
        }
    }

    /// <summary>Takes the head noun's role word(s) off the end of the target (or a leading one: "the button Save").</summary>
    private static (List<string> Roles, List<string> RoleWords) ExtractRoles(List<Word> target, string? impliedRole)
    {
        var roles = new List<string>();
        var roleWords = new List<string>();
        for (var pass = 0; pass < 2; pass++)
        {
            if (target.Count == 0 || target[^1].Quoted)
            {
                break;
            }

            if (pass > 0 && target.Count < 2)
            {
                break;
            }

            if (target.Count >= 2 && !target[^2].Quoted && RoleBigrams.TryGetValue((target[^2].Lower, target[^1].Lower), out var bigramRole))
            {
                if (pass > 0 && target.Count < 3)
                {
                    break;
                }

                AddRole(bigramRole, target[^2].Text + " " + target[^1].Text);
                target.RemoveRange(target.Count - 2, 2);
                continue;
            }

            // "search bar" keeps "search" as the name.
            if (target[^1].Lower == "bar" && target.Count >= 2 && target[^2].Lower == "search")
            {
                AddRole("textbox", "bar");
                target.RemoveAt(target.Count - 1);
                break;
            }

            if (RoleUnigrams.TryGetValue(target[^1].Lower, out var role))
            {
                AddRole(role, target[^1].Text);
                target.RemoveAt(target.Count - 1);
                continue;
            }

            break;
        }

        if (roles.Count == 0 && target.Count >= 2 && !target[0].Quoted && RoleUnigrams.TryGetValue(target[0].Lower, out var leading))
        {
            AddRole(leading, target[0].Text);
            target.RemoveAt(0);
        }

        // "open the menu": the role word is also the only name there is.
        if (target.Count == 0 && roleWords.Count == 1 && roles[0] == "menu")
        {
            target.Add(new Word(roleWords[0], roleWords[0].ToLowerInvariant(), false));
        }

        return (roles, roleWords);

        void AddRole(string role, string words)
        {
            // "check the box": after a checking verb a box is a checkbox.
            if (role == "textbox" && impliedRole is "checkbox" or "switch" && words.EndsWith("box", StringComparison.OrdinalIgnoreCase))
            {
                role = "checkbox";
            }

            if (!roles.Contains(role))
            {
                roles.Add(role);
            }

            roleWords.Insert(0, words);
        }
    }

    private static (string? Value, List<Word> Remaining) SplitTypedValue(List<Word> rest)
    {
        // "type X into Y", "type X in the Y", "enter X as the Y", "fill the Y with X".
        for (var i = 1; i < rest.Count; i++)
        {
            var lower = rest[i].Quoted ? null : rest[i].Lower;
            var next = i + 1 < rest.Count ? rest[i + 1].Lower : null;
            if (lower == "into" || (lower is "in" or "as" or "on" && next is not null && Articles.Contains(next)))
            {
                return (JoinWords(rest.Take(i)), rest.Skip(i + 1).ToList());
            }

            if (lower == "with" && i + 1 < rest.Count)
            {
                return (JoinWords(rest.Skip(i + 1)), rest.Take(i).ToList());
            }
        }

        // "type 'hello'": the quoted text is what to type, not the target.
        if (rest.Count > 0 && rest[0].Quoted)
        {
            return (rest[0].Text, rest.Skip(1).ToList());
        }

        return (null, rest);
    }

    private static (string? Value, List<Word> Remaining) SplitSelectedValue(List<Word> rest)
    {
        // "select Large from the size dropdown", "choose 'Price' in the Sort by menu".
        for (var i = 1; i < rest.Count; i++)
        {
            if (!rest[i].Quoted && rest[i].Lower is "from" or "in" or "on")
            {
                var after = rest.Skip(i + 1).ToList();
                var roles = after.Where(w => !w.Quoted && RoleUnigrams.ContainsKey(w.Lower)).Select(w => RoleUnigrams[w.Lower]).ToList();
                if (roles.Contains("menu") || roles.Contains("list"))
                {
                    // "choose Word count from the menu": a menu's items are on screen, so the item is the target.
                    return (JoinWords(rest.Take(i)), rest.Take(i).ToList());
                }

                if (roles.Contains("combobox") || roles.Contains("textbox"))
                {
                    return (JoinWords(rest.Take(i)), after);
                }
            }
        }

        return (null, rest);
    }

    private static string JoinWords(IEnumerable<Word> words) =>
        string.Join(' ', words.Where(w => w.Quoted || !Articles.Contains(w.Lower)).Select(w => w.Text));

    private static List<Word> SplitWords(string instruction)
    {
        var words = new List<Word>();
        foreach (Match match in WordPattern().Matches(instruction))
        {
            if (match.Groups["q"].Success)
            {
                var text = match.Groups["q"].Value.Trim();
                if (text.Length > 0)
                {
                    words.Add(new Word(text, text.ToLowerInvariant(), true));
                }

                continue;
            }

            var value = match.Value;
            if (value.Length == 1 && !char.IsLetterOrDigit(value[0]) && TextTokenizer.Tokenize(value).Count == 0)
            {
                continue;
            }

            words.Add(new Word(value, value.ToLowerInvariant(), false));
        }

        return words;
    }

    private static (string[] Words, string Verb, string? ImpliedRole, VerbKind Kind)[] BuildVerbs()
    {
        var list = new List<(string[], string, string?, VerbKind)>();
        void Add(string phrase, string? role = null, VerbKind kind = VerbKind.Plain) =>
            list.Add((phrase.Split(' '), phrase.Split(' ')[0] is "double" or "right" or "left" ? phrase : phrase.Split(' ')[0], role, kind));

        foreach (var phrase in new[]
        {
            "double click on", "double click", "right click on", "right click", "left click on", "left click", "click on", "click",
            "press on", "press", "tap on", "tap", "hit", "push", "open up", "open", "find", "locate", "go to", "navigate to",
            "follow", "hover over", "hover on", "hover", "mouse over", "focus on", "focus", "use", "activate", "show me",
            "point to", "point at", "where is", "scroll to", "visit", "view", "look at", "expand", "collapse", "show me", "show",
            "see", "display", "bring up", "pull up", "take me to", "launch", "scroll down and click", "scroll up and click", "scroll down to", "change",
        })
        {
            Add(phrase);
        }

        foreach (var phrase in new[] { "type in", "type into", "type", "enter", "fill in", "fill out", "fill", "input", "write in", "write", "put" })
        {
            Add(phrase, "textbox", VerbKind.Type);
        }

        foreach (var phrase in new[] { "uncheck", "untick", "check", "tick" })
        {
            Add(phrase, "checkbox");
        }

        foreach (var phrase in new[] { "toggle", "switch on", "switch off", "turn on", "turn off", "enable", "disable" })
        {
            Add(phrase, "switch");
        }

        foreach (var phrase in new[] { "select", "choose", "pick" })
        {
            Add(phrase, null, VerbKind.Select);
        }

        // Longest phrases first, so "click on" wins over "click".
        return [.. list.OrderByDescending(v => v.Item1.Length)];
    }

    [GeneratedRegex("\"(?<q>[^\"]*)\"|“(?<q>[^”]*)”|‘(?<q>[^’]*)’|(?<![\\p{L}\\p{N}])'(?<q>[^']+)'(?![\\p{L}\\p{N}])|[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*|[^\\s\\p{L}\\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    private readonly record struct Word(string Text, string Lower, bool Quoted);
}
