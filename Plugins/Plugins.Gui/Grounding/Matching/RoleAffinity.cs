using System;
using System.Collections.Generic;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// How well a candidate's ARIA role fits a role key of <see cref="ParsedInstruction.Roles"/>, in [0, 1]: 1 for the
/// role itself, partial credit for roles that often stand in for it on real pages (a link styled as a button, a
/// custom dropdown made of a button), 0 otherwise.
/// </summary>
internal static class RoleAffinity
{
    /// <summary>How far from the top, in CSS pixels, a logo is looked for.</summary>
    private const double LogoBandHeight = 150;

    private static readonly Dictionary<string, Dictionary<string, double>> Families = new(StringComparer.Ordinal)
    {
        ["button"] = Family(("button", 1), ("link", 0.6), ("switch", 0.6), ("menuitem", 0.5), ("tab", 0.4), ("combobox", 0.3), ("img", 0.3), ("checkbox", 0.2)),
        ["link"] = Family(("link", 1), ("button", 0.6), ("menuitem", 0.6), ("tab", 0.5), ("treeitem", 0.5), ("listitem", 0.4), ("img", 0.3)),
        ["textbox"] = Family(("textbox", 1), ("searchbox", 1), ("combobox", 0.8), ("spinbutton", 0.8)),
        ["checkbox"] = Family(("checkbox", 1), ("menuitemcheckbox", 1), ("switch", 0.8), ("radio", 0.4)),
        ["combobox"] = Family(("combobox", 1), ("listbox", 1), ("button", 0.5), ("menu", 0.5)),
        ["menu"] = Family(("menu", 1), ("menubar", 1), ("navigation", 0.7), ("combobox", 0.7), ("listbox", 0.6), ("button", 0.6), ("menuitem", 0.6), ("link", 0.3)),
        ["tab"] = Family(("tab", 1), ("link", 0.5), ("button", 0.5), ("menuitem", 0.4)),
        ["image"] = Family(("img", 1), ("image", 1), ("figure", 0.8), ("link", 0.4), ("button", 0.3)),
        ["heading"] = Family(("heading", 1), ("text", 0.2)),
        ["radio"] = Family(("radio", 1), ("menuitemradio", 1), ("option", 0.6), ("checkbox", 0.4)),
        ["switch"] = Family(("switch", 1), ("checkbox", 0.9), ("button", 0.5)),
        ["row"] = Family(("row", 1), ("listitem", 0.7), ("option", 0.6), ("gridcell", 0.4), ("link", 0.3)),
        ["item"] = Family(("listitem", 1), ("menuitem", 1), ("option", 1), ("treeitem", 1), ("row", 0.9), ("article", 0.6), ("gridcell", 0.6), ("link", 0.5)),
        ["option"] = Family(("option", 1), ("radio", 0.8), ("menuitemradio", 0.8), ("menuitem", 0.6)),
        ["slider"] = Family(("slider", 1), ("spinbutton", 0.5)),
        ["list"] = Family(("list", 1), ("listbox", 1), ("tree", 0.8), ("menu", 0.5), ("table", 0.5), ("grid", 0.5)),
        ["column"] = Family(("columnheader", 1), ("button", 0.7), ("cell", 0.5), ("rowheader", 0.4), ("link", 0.4), ("text", 0.3)),
        ["folder"] = Family(("link", 1), ("treeitem", 1), ("listitem", 0.8), ("menuitem", 0.6), ("button", 0.6), ("tab", 0.5), ("option", 0.5)),
        ["label"] = Family(("label", 1), ("text", 0.8), ("link", 0.8), ("button", 0.6), ("listitem", 0.6), ("option", 0.5), ("checkbox", 0.3)),
        ["category"] = Family(("link", 1), ("menuitem", 1), ("tab", 0.8), ("treeitem", 0.8), ("button", 0.7), ("option", 0.6), ("listitem", 0.6), ("heading", 0.4)),
        ["product"] = Family(("link", 1), ("article", 0.8), ("heading", 0.7), ("img", 0.7), ("generic", 0.6), ("listitem", 0.6), ("button", 0.4), ("text", 0.4)),
    };

    /// <summary>The fit of <paramref name="candidate"/> to <paramref name="roleKey"/>.</summary>
    public static double Score(string roleKey, GuiCandidate candidate)
    {
        var role = candidate.Role;
        if (roleKey == "icon")
        {
            var iconLike = IsIconLike(candidate);
            return role switch
            {
                "img" or "image" => 0.9,
                "button" or "link" or "menuitem" or "tab" or "switch" => iconLike ? 1 : 0.5,
                _ => iconLike && candidate.IsInteractive ? 0.6 : 0,
            };
        }

        if (roleKey == "logo")
        {
            // A logo is an image or a link (often to the home page) in the page's header band.
            var inHeader = candidate.Box.Y < LogoBandHeight;
            return role switch
            {
                "img" or "image" => inHeader ? 1 : 0.5,
                "link" => inHeader ? 0.9 : 0.3,
                "heading" => inHeader ? 0.5 : 0.1,
                _ => 0,
            };
        }

        return Families.TryGetValue(roleKey, out var family) && family.TryGetValue(role, out var credit) ? credit : 0;
    }

    /// <summary>Whether the candidate looks like an icon: small, with no visible words of its own.</summary>
    public static bool IsIconLike(GuiCandidate candidate)
    {
        var box = candidate.Box;
        if (Math.Max(box.Width, box.Height) > 80)
        {
            return false;
        }

        var text = candidate.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Text is null when it equals the name: an icon's name comes from aria-label or title, so words there
            // usually mean a text button.
            return candidate.Text is not null || candidate.Name.Length <= 2 || !string.IsNullOrEmpty(candidate.Title) || box.Width <= 48;
        }

        return text.Trim().Length <= 2;
    }

    private static Dictionary<string, double> Family(params (string Role, double Credit)[] members)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (role, credit) in members)
        {
            map[role] = credit;
        }

        return map;
    }
}
