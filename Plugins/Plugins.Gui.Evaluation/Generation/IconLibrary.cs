using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Generation;

/// <summary>
/// Inline SVG icons (24x24, stroked) with the accessible names a page may give them and the ways a user asks for
/// them by meaning ("open settings" for the gear).
/// </summary>
internal static class IconLibrary
{
    /// <summary>One icon.</summary>
    /// <param name="Key">Stable key.</param>
    /// <param name="Body">SVG elements inside the 24x24 viewBox.</param>
    /// <param name="Labels">Accessible names (aria-label / title) a page may use.</param>
    /// <param name="Asks">Instructions a user writes for it.</param>
    public sealed record Icon(string Key, string Body, IReadOnlyList<string> Labels, IReadOnlyList<string> Asks);

    public static IReadOnlyList<Icon> All { get; } =
    [
        new("search", "<circle cx='10.5' cy='10.5' r='6.5'/><path d='M15.5 15.5L21 21'/>", ["Search", "Find"], ["search the site", "open the search", "click the magnifying glass"]),
        new("settings", "<circle cx='12' cy='12' r='3.2'/><path d='M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1'/><circle cx='12' cy='12' r='6.5'/>", ["Settings", "Preferences"], ["open settings", "click the gear icon", "change the preferences"]),
        new("trash", "<path d='M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6'/>", ["Delete", "Move to trash"], ["delete this", "click the trash can", "throw it in the bin"]),
        new("home", "<path d='M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5'/>", ["Home", "Go home"], ["go to the home page", "click the house icon", "go back home"]),
        new("bell", "<path d='M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0'/>", ["Notifications", "Alerts"], ["show my notifications", "click the bell", "check the alerts"]),
        new("user", "<circle cx='12' cy='8' r='4'/><path d='M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7'/>", ["Profile", "My account"], ["open my profile", "go to my account", "click the person icon"]),
        new("plus", "<path d='M12 4v16M4 12h16'/>", ["Add", "New item"], ["add a new item", "click the plus button", "create a new one"]),
        new("edit", "<path d='M4 20h4L19 9l-4-4L4 16zM14 6l4 4'/>", ["Edit", "Rename"], ["edit this", "click the pencil", "make changes"]),
        new("share", "<circle cx='18' cy='5' r='2.5'/><circle cx='6' cy='12' r='2.5'/><circle cx='18' cy='19' r='2.5'/><path d='M8.2 10.8l7.6-4.6M8.2 13.2l7.6 4.6'/>", ["Share", "Share link"], ["share this", "send a link to a friend", "click the share icon"]),
        new("download", "<path d='M12 3v12M7 10l5 5 5-5M4 19h16'/>", ["Download", "Download file"], ["download the file", "save it to my computer", "click the download arrow"]),
        new("upload", "<path d='M12 15V3M7 8l5-5 5 5M4 19h16'/>", ["Upload", "Upload file"], ["upload a file", "click the upload arrow"]),
        new("close", "<path d='M5 5l14 14M19 5L5 19'/>", ["Close", "Dismiss"], ["close it", "click the X", "dismiss this"]),
        new("menu", "<path d='M4 6h16M4 12h16M4 18h16'/>", ["Menu", "Open navigation"], ["open the menu", "click the hamburger icon", "show the navigation"]),
        new("heart", "<path d='M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z'/>", ["Favourite", "Like"], ["add this to my favourites", "click the heart", "like this"]),
        new("star", "<path d='M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z'/>", ["Star", "Add a star"], ["star this", "click the star icon", "give it a star"]),
        new("print", "<path d='M7 8V3h10v5M7 17H4v-7h16v7h-3M7 14h10v7H7z'/>", ["Print", "Print page"], ["print this page", "click the printer icon"]),
        new("refresh", "<path d='M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7'/>", ["Refresh", "Reload"], ["refresh the page", "reload the data", "click the circular arrow"]),
        new("mail", "<rect x='3' y='5' width='18' height='14' rx='2'/><path d='M3 7l9 6 9-6'/>", ["Messages", "Mail"], ["check my messages", "open my mail", "click the envelope"]),
        new("calendar", "<rect x='3' y='5' width='18' height='16' rx='2'/><path d='M3 10h18M8 3v4M16 3v4'/>", ["Calendar", "Schedule"], ["open the calendar", "see my schedule", "click the calendar icon"]),
        new("lock", "<rect x='5' y='11' width='14' height='10' rx='2'/><path d='M8 11V7a4 4 0 0 1 8 0v4'/>", ["Lock", "Lock screen"], ["lock it", "lock the screen", "click the padlock"]),
        new("info", "<circle cx='12' cy='12' r='9'/><path d='M12 11v6M12 7.5v.5'/>", ["More information", "Details"], ["show more information", "click the info icon", "see the details"]),
        new("filter", "<path d='M3 5h18l-7 8v6l-4 2v-8z'/>", ["Filter", "Filter results"], ["filter the results", "click the funnel icon"]),
        new("camera", "<path d='M4 8h4l2-3h4l2 3h4v11H4z'/><circle cx='12' cy='13' r='3.5'/>", ["Take photo", "Camera"], ["take a photo", "click the camera"]),
        new("cart", "<path d='M3 4h3l2.5 11h10L21 7H7'/><circle cx='10' cy='19.5' r='1.5'/><circle cx='17' cy='19.5' r='1.5'/>", ["Cart", "Shopping basket"], ["open my cart", "view the shopping basket", "click the trolley icon"]),
    ];
}
