using System;
using System.Collections.Generic;
using System.Linq;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// A small table of words and phrases that mean the same on a user interface ("sign in", "log in", "login"), written
/// for this project. <see cref="Canonicalize"/> replaces every phrase of a group, matched on stemmed tokens, longest
/// first, by the group's key, so that token overlap treats synonyms as equal. Thread-safe (read-only after start-up).
/// </summary>
internal static class UiSynonyms
{
    /// <summary>Prefix of a group key token; it cannot come out of <see cref="TextTokenizer"/>.</summary>
    public const char KeyPrefix = '§';

    private static readonly string[][] Groups =
    [
        ["sign in", "log in", "login", "logon", "log on", "signin", "sign on"],
        ["sign up", "register", "registration", "create account", "create an account", "create your account", "join", "signup", "new account", "get started"],
        ["sign out", "log out", "logout", "logoff", "log off", "signout"],
        ["search", "find", "look up", "lookup", "magnifier", "magnifying glass", "query", "search for"],
        ["settings", "preferences", "options", "gear", "cog", "configuration", "configure", "prefs", "setup"],
        ["delete", "remove", "trash", "bin", "discard", "erase", "destroy", "trash can", "wastebasket", "garbage", "throw away", "throw in bin", "throw in trash", "bin it", "get rid of"],
        ["close", "dismiss", "x", "exit", "hide"],
        ["submit", "send", "post"],
        ["ok", "okay", "confirm", "accept", "agree", "yes", "apply"],
        ["cancel", "abort", "never mind"],
        ["cart", "basket", "shopping cart", "shopping basket", "bag", "shopping bag", "trolley"],
        ["email", "e mail", "mail", "email address", "e mail address", "mail address", "envelope", "mails", "emails"],
        ["home", "homepage", "home page", "main page", "start page", "front page", "house", "go home"],
        ["menu", "hamburger", "main menu", "navigation menu", "nav", "navigation", "open navigation", "toggle navigation", "show navigation", "hamburger menu", "nav menu", "open menu", "toggle menu", "side menu", "three lines"],
        ["account", "profile", "my account", "user", "avatar", "me"],
        ["help", "support", "faq", "assistance", "question", "question mark", "get help"],
        ["edit", "modify", "change", "pencil", "rename", "pen"],
        ["new", "create", "add", "plus"],
        ["compose", "write", "new message", "new mail", "new email", "write message", "compose mail", "compose email", "compose message"],
        ["reply", "respond", "answer"],
        ["forward", "fwd"],
        ["spam", "junk", "junk mail", "report spam"],
        ["draft", "drafts"],
        ["sent", "sent mail", "sent items", "sent messages", "outbox"],
        ["refresh", "reload", "update", "sync", "circular arrow", "circle arrow", "round arrow", "arrows"],
        ["next", "continue", "proceed", "forward arrow", "next page"],
        ["previous", "prev", "back", "go back", "previous page"],
        ["filter", "refine", "narrow", "funnel", "filter results", "narrow down"],
        ["sort", "sort by", "order by", "ordering"],
        ["checkout", "check out", "pay", "payment", "proceed to checkout", "buy now", "place order"],
        ["notifications", "notification", "alerts", "alert", "bell", "reminders"],
        ["favourite", "favorite", "star", "starred", "like", "heart", "wishlist", "wish list", "save for later", "bookmark", "bookmark this", "add to favourites", "add to favorites", "mark as favourite", "thumbs up"],
        ["attach", "attachment", "attach file", "paperclip", "paper clip"],
        ["print", "printer", "print page", "print this page"],
        ["username", "user name", "login name", "user id", "userid"],
        ["password", "passcode", "pwd", "pass word"],
        ["phone", "telephone", "mobile", "phone number", "tel"],
        ["quantity", "qty"],
        ["more", "more options", "more actions", "ellipsis", "kebab", "overflow", "three dots"],
        ["upload", "import", "cloud upload"],
        ["download", "export", "save to computer", "save to disk", "save locally", "save a copy", "download file", "download arrow", "arrow down", "down arrow"],
        ["info", "information", "details", "about", "more information", "more info", "more details", "see details", "show details", "info icon"],
        ["archive", "archived"],
        ["mark as read", "mark read", "read"],
        ["unread", "mark as unread", "mark unread"],
        ["save", "save changes"],
        ["message", "messages", "email message", "mail message", "conversation"],
        ["inbox", "in box", "incoming"],
        ["share", "send link", "share link", "send to friend", "send link to friend", "share with friend", "share this"],
        ["lock", "padlock", "locked", "security", "privacy", "secure"],
        ["camera", "take photo", "take picture", "take a photo", "snapshot", "capture"],
        ["calendar", "schedule", "date picker", "pick date"],
        ["location", "map", "map pin", "place"],
        ["contacts", "people", "address book", "person"],
        ["chart", "analytics", "stats", "statistics", "graph", "reports", "dashboard"],
        ["music", "audio", "sound", "volume", "speaker", "mute", "unmute"],
        ["video", "film", "movie"],
        ["phone call", "call"],
        ["chat", "comment", "comments", "speech bubble", "messages bubble"],
        ["copy", "duplicate", "clone"],
        ["link", "chain", "hyperlink"],
        ["shop", "store front", "storefront", "catalog", "catalogue"],
        ["price", "cost"],
        ["expand", "show more", "open"],
        ["collapse", "show less"],
    ];

    /// <summary>Groups that are close but not the same ("inbox" and "messages", the "x" of close and remove).</summary>
    private static readonly (string A, string B)[] Related =
    [
        ("inbox", "message"), ("inbox", "email"), ("email", "message"), ("close", "delete"), ("compose", "new"),
        ("compose", "edit"), ("settings", "edit"), ("save", "ok"), ("submit", "ok"), ("chat", "message"),
        ("account", "contacts"), ("lock", "password"), ("camera", "video"), ("favourite", "save"),
    ];

    private static readonly HashSet<string> RelatedKeys = BuildRelated();

    private static readonly Dictionary<string, List<(string[] Phrase, string Key)>> ByFirstToken = Build();

    /// <summary>Whether two group keys are close in meaning (see <see cref="Related"/>).</summary>
    public static bool AreRelated(string a, string b) => RelatedKeys.Contains(a + "|" + b);

    private static HashSet<string> BuildRelated()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (a, b) in Related)
        {
            set.Add(KeyPrefix + a + "|" + KeyPrefix + b);
            set.Add(KeyPrefix + b + "|" + KeyPrefix + a);
        }

        return set;
    }

    /// <summary>
    /// Stemmed <paramref name="tokens"/> with every synonym phrase replaced by its group key; <paramref name="replaced"/>
    /// says whether any phrase was replaced.
    /// </summary>
    public static List<string> Canonicalize(IReadOnlyList<string> tokens, out bool replaced)
    {
        replaced = false;
        var output = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count;)
        {
            var matched = 0;
            string? key = null;
            if (ByFirstToken.TryGetValue(tokens[i], out var phrases))
            {
                foreach (var (phrase, groupKey) in phrases)
                {
                    if (phrase.Length > matched && i + phrase.Length <= tokens.Count && Matches(tokens, i, phrase))
                    {
                        matched = phrase.Length;
                        key = groupKey;
                    }
                }
            }

            if (key is null)
            {
                output.Add(tokens[i]);
                i++;
            }
            else
            {
                output.Add(key);
                replaced = true;
                i += matched;
            }
        }

        return output;
    }

    private static bool Matches(IReadOnlyList<string> tokens, int start, string[] phrase)
    {
        for (var j = 0; j < phrase.Length; j++)
        {
            if (!string.Equals(tokens[start + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, List<(string[] Phrase, string Key)>> Build()
    {
        var map = new Dictionary<string, List<(string[] Phrase, string Key)>>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var key = KeyPrefix + group[0].Replace(' ', '_');
            foreach (var phrase in group)
            {
                var stems = TextTokenizer.Tokenize(phrase).Where(t => !TextFeatures.IsArticle(t)).Select(LightStemmer.Stem).ToArray();
                if (!map.TryGetValue(stems[0], out var list))
                {
                    list = [];
                    map[stems[0]] = list;
                }

                list.Add((stems, key));
            }
        }

        return map;
    }
}
