using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Plugins.Gui.Evaluation.Data;

namespace Plugins.Gui.Evaluation.Generation;

/// <summary>
/// Composes one varied page from a seeded generator: a header (brand, links, icon buttons) and one kind of content
/// (form, toolbar, menu, dialog, list, table, cards, small targets, tall page, embedded frame), in one of several
/// fonts, sizes, colour themes and viewports; then picks the targets and writes their instructions. Every target's
/// visible text (or icon meaning) is unique on its page, so each instruction has exactly one right answer.
/// </summary>
internal static class PageComposer
{
    /// <summary>Content kinds with their weights.</summary>
    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("form", 14), ("toolbar", 14), ("menu", 12), ("dialog", 10), ("list", 10), ("table", 10), ("cards", 10), ("small", 8), ("tall", 8), ("frame", 4),
    ];

    private static readonly (int Width, int Height, double Dpr, bool Mobile)[] Viewports =
    [
        (1280, 800, 1, false), (1366, 768, 1, false), (1024, 768, 1, false),
        (1440, 900, 1.5, false), (1280, 720, 1.5, false), (1200, 800, 1.5, false),
        (1280, 800, 2, false), (1024, 700, 2, false), (1440, 900, 2, false),
        (390, 844, 3, true), (412, 915, 2, true), (360, 740, 3, true),
    ];

    private static readonly string[] Fonts =
    [
        "'DejaVu Sans', sans-serif", "'DejaVu Serif', serif", "'DejaVu Sans Mono', monospace", "'DejaVu Sans Condensed', sans-serif",
        "'Liberation Sans', sans-serif", "'Liberation Serif', serif", "'Liberation Mono', monospace", "'Liberation Sans Narrow', sans-serif",
        "sans-serif", "serif", "monospace",
    ];

    private static readonly string[] Accents = ["#2f6fdf", "#0f8a4f", "#c62828", "#7b3fa0", "#d35400", "#127a6b", "#34495e", "#ad1457", "#00707a", "#5d4037"];
    private static readonly string[] LightBackgrounds = ["#ffffff", "#f5f6fa", "#fbf8f1", "#eef3f8", "#f2f2f2"];
    private static readonly string[] Brands = ["Northwind", "Bluebird", "Acme Cloud", "Lumen", "Orbit CRM", "Pinecone", "Harbor Bank", "Kite Mail", "Fable Books", "Atlas Travel", "Quill Notes", "Sprout Market"];
    private static readonly string[] NavLinks = ["Products", "Pricing", "Docs", "Blog", "Support", "Company", "Careers", "Community", "Partners", "Changelog", "Contact"];

    private static readonly string[] Sentences =
    [
        "The team reviewed the plan and agreed on the next steps.",
        "Shipping usually takes three to five working days.",
        "You can change these options at any time from your account.",
        "Our office is closed on public holidays.",
        "Prices include tax where it applies.",
        "The new release improves start-up time and fixes several bugs.",
        "Please check the details carefully before you continue.",
        "Most questions are answered in the help centre.",
        "Backups run every night and are kept for thirty days.",
        "Invite your colleagues so that everyone sees the same data.",
        "The report covers sales, returns and customer feedback.",
        "Tickets are answered in the order they arrive.",
        "We send a reminder one day before the appointment.",
        "Large files may take a few minutes to process.",
        "All changes are saved automatically while you type.",
        "The garden opens at nine and closes at sunset.",
        "Each chapter ends with a short summary and exercises.",
        "Members get early access to new features.",
    ];

    /// <summary>Composes page <paramref name="index"/> (0-based) of the run seeded with <paramref name="seed"/>.</summary>
    public static ComposedPage Compose(int seed, int index)
    {
        var rng = SeededRandom.For(seed, index);
        var total = Kinds.Sum(k => k.Weight);
        var roll = rng.Next(total);
        var kind = Kinds[0].Kind;
        foreach (var (k, w) in Kinds)
        {
            if (roll < w)
            {
                kind = k;
                break;
            }

            roll -= w;
        }

        var viewport = rng.Pick(Viewports);
        var page = new Builder(rng, viewport.Mobile);
        page.Header(avoidIcons: kind switch { "dialog" or "small" => ["close"], "menu" => ["edit"], _ => [] });
        switch (kind)
        {
            case "form": page.Form(); break;
            case "toolbar": page.Toolbar(); break;
            case "menu": page.Menu(); break;
            case "dialog": page.Dialog(); break;
            case "list": page.List(); break;
            case "table": page.Table(); break;
            case "cards": page.Cards(); break;
            case "small": page.SmallTargets(); break;
            case "tall": page.TallPage(); break;
            default: page.Frame(index); break;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"p{index + 1:0000}.html");
        var extra = page.FrameHtml is null ? [] : new[] { new KeyValuePair<string, string>(page.FrameFile!, page.FrameHtml) };
        return new ComposedPage(name, page.Html(), viewport.Width, viewport.Height, viewport.Dpr, kind, page.PickTargets(), extra);
    }

    private sealed record Candidate(string Selector, string Split, IReadOnlyList<string> Asks, bool Main);

    /// <summary>Accumulates one page's HTML and its candidate targets.</summary>
    private sealed class Builder
    {
        private readonly SeededRandom _rng;
        private readonly bool _mobile;
        private readonly StringBuilder _body = new();
        private readonly List<Candidate> _candidates = [];
        private readonly HashSet<string> _usedIcons = new(StringComparer.Ordinal);
        private readonly string _font;
        private readonly int _fontSize;
        private readonly string _accent;
        private readonly string _background;
        private readonly string _foreground;
        private readonly string _surface;
        private readonly string _headerBackground;
        private readonly int _radius;
        private readonly int _iconSize;
        private readonly int _maxWidth;
        private readonly string _title;
        private int _nextId;

        public Builder(SeededRandom rng, bool mobile)
        {
            _rng = rng;
            _mobile = mobile;
            _font = rng.Pick(Fonts);
            _fontSize = rng.Between(13, 18);
            _accent = rng.Pick(Accents);
            var dark = rng.Chance(0.15);
            _background = dark ? "#1d1f25" : rng.Pick(LightBackgrounds);
            _foreground = dark ? "#e6e7ea" : "#1f2430";
            _surface = dark ? "#2a2d35" : "#ffffff";
            _headerBackground = rng.Chance(0.5) ? _accent : (dark ? "#111317" : "#ffffff");
            _radius = rng.Pick<int>([0, 3, 4, 6, 8, 12]);
            _iconSize = rng.Between(28, 40);
            _maxWidth = rng.Pick<int>([720, 860, 960, 1100]);
            _title = rng.Pick(Brands);
        }

        public string? FrameFile { get; private set; }

        public string? FrameHtml { get; private set; }

        private string Verb => _mobile && _rng.Chance(0.5) ? "tap" : "click";

        public void Header(IReadOnlyCollection<string> avoidIcons)
        {
            var headerText = _headerBackground == _accent ? "#ffffff" : _foreground;
            _body.Append(CultureInfo.InvariantCulture, $"<header class=\"bar\" style=\"background:{_headerBackground};color:{headerText}\"><span class=\"brand\">{E(_title)}</span>");
            if (!_mobile && _rng.Chance(0.7))
            {
                _body.Append("<nav class=\"top\">");
                foreach (var link in _rng.Sample(NavLinks, _rng.Between(3, 5)))
                {
                    var id = Id();
                    _body.Append(CultureInfo.InvariantCulture, $"<a href=\"#\" id=\"{id}\">{E(link)}</a>");
                    Add(id, GroundingSplit.Text, false, $"{Verb} {link} in the top menu", $"go to {link}", $"open the {link} page");
                }

                _body.Append("</nav>");
            }

            if (_rng.Chance(0.8))
            {
                _body.Append("<span class=\"icons\">");
                foreach (var icon in _rng.Sample(IconLibrary.All.Where(i => !avoidIcons.Contains(i.Key)).ToList(), _rng.Between(2, 4)))
                {
                    _body.Append(IconButton(icon, main: false));
                }

                _body.Append("</span>");
            }

            _body.Append("</header>");
        }

        public void Form()
        {
            var heading = _rng.Pick<string>(["Create your account", "Shipping address", "Contact us", "Edit profile", "Book a table", "Job application"]);
            _body.Append(CultureInfo.InvariantCulture, $"<main><div class=\"card\"><h1>{E(heading)}</h1>");
            (string Label, string Type, string Example)[] pool =
            [
                ("First name", "text", "Jane"), ("Last name", "text", "Doe"), ("Email address", "email", "name@example.com"), ("Phone number", "tel", "+1 555 0100"),
                ("Company", "text", "Example Ltd"), ("City", "text", "Lisbon"), ("Postcode", "text", "1000-001"), ("Password", "password", string.Empty),
                ("Website", "url", "https://"), ("Street address", "text", "12 High Street"), ("Date of birth", "date", string.Empty),
            ];
            var columns = !_mobile && _rng.Chance(0.4);
            _body.Append(columns ? "<div class=\"grid2\">" : "<div>");
            foreach (var (label, type, example) in _rng.Sample(pool, _rng.Between(3, _mobile ? 4 : 6)))
            {
                var id = Id();
                var placeholder = example.Length > 0 && _rng.Chance(0.5) ? $" placeholder=\"{E(example)}\"" : string.Empty;
                _body.Append(CultureInfo.InvariantCulture, $"<div class=\"field\"><label for=\"{id}\">{E(label)}</label><input type=\"{type}\" id=\"{id}\"{placeholder}></div>");
                var l = label.ToLowerInvariant();
                Add(id, GroundingSplit.Text, true, $"enter your {l}", $"{Verb} the {label} field", $"type in the {l} box", $"fill in the {l}");
            }

            _body.Append("</div>");
            if (_rng.Chance(0.5))
            {
                var (label, options) = _rng.Pick<(string, string[])>([("Country", ["Portugal", "Canada", "Japan", "Kenya"]), ("Language", ["English", "Deutsch", "Français"]), ("Plan", ["Basic", "Standard", "Premium"])]);
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<div class=\"field\"><label for=\"{id}\">{label}</label><select id=\"{id}\">");
                foreach (var option in options)
                {
                    _body.Append(CultureInfo.InvariantCulture, $"<option>{E(option)}</option>");
                }

                _body.Append("</select></div>");
                var l = label.ToLowerInvariant();
                Add(id, GroundingSplit.Text, true, $"choose a {l}", $"open the {label} dropdown", $"pick my {l} from the list");
            }

            if (_rng.Chance(0.6))
            {
                var text = _rng.Pick<string>(["Subscribe to the newsletter", "Remember this device", "I agree to the terms", "Send me product updates", "Make my profile public"]);
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<div class=\"field\"><label class=\"check\" id=\"{id}\"><input type=\"checkbox\"> {E(text)}</label></div>");
                Add(id, GroundingSplit.Text, true, $"tick \"{text}\"", $"check the box that says {text.ToLowerInvariant()}", $"{Verb} the {text.ToLowerInvariant()} checkbox");
            }

            var buttons = _rng.Sample<string>(["Create account", "Save changes", "Send message", "Continue", "Submit application", "Book now"], 1);
            var secondary = _rng.Pick<string>(["Cancel", "Back", "Reset", "Clear form", "Save draft"]);
            _body.Append("<div class=\"actions\">");
            foreach (var (text, alt) in new[] { (secondary, true), (buttons[0], false) })
            {
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn{(alt ? " alt" : string.Empty)}\" id=\"{id}\">{E(text)}</button>");
                Add(id, GroundingSplit.Text, true, $"{Verb} {text}", $"press the {text} button", $"{Verb} on \"{text}\"");
            }

            _body.Append("</div></div></main>");
        }

        public void Toolbar()
        {
            var doc = _rng.Pick<string>(["Quarterly report", "Meeting notes", "Launch plan", "Recipe ideas", "Trip itinerary", "Reading list"]);
            _body.Append("<main><div class=\"card\"><div class=\"toolbar\" role=\"toolbar\" aria-label=\"Document tools\">");
            var icons = _rng.Sample(IconLibrary.All.Where(i => !_usedIcons.Contains(i.Key)).ToList(), _rng.Between(_mobile ? 4 : 6, _mobile ? 6 : 10));
            for (var i = 0; i < icons.Count; i++)
            {
                if (i > 0 && i % 3 == 0 && _rng.Chance(0.5))
                {
                    _body.Append("<span class=\"sep\"></span>");
                }

                _body.Append(IconButton(icons[i], main: true));
            }

            var publish = _rng.Pick<string>(["Publish", "Submit", "Done", "Send for review"]);
            var pid = Id();
            _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn push\" id=\"{pid}\">{E(publish)}</button></div>");
            Add(pid, GroundingSplit.Text, false, $"{Verb} {publish}", $"press the {publish} button");
            _body.Append(CultureInfo.InvariantCulture, $"<h1>{E(doc)}</h1>");
            Paragraphs(_rng.Between(2, 4));
            _body.Append("</div></main>");
        }

        public void Menu()
        {
            if (_rng.Chance(0.5))
            {
                // A sidebar navigation beside a dashboard.
                _body.Append("<div class=\"split\"><aside class=\"side\"><ul>");
                foreach (var item in _rng.Sample<string>(["Dashboard", "Reports", "Analytics", "Customers", "Orders", "Invoices", "Billing", "Team members", "Integrations", "Projects", "Documents", "Audit log", "API keys"], _rng.Between(5, 8)))
                {
                    var id = Id();
                    _body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#\" id=\"{id}\">{E(item)}</a></li>");
                    Add(id, GroundingSplit.Text, true, $"{Verb} {item} in the sidebar", $"go to {item.ToLowerInvariant()}", $"open the {item} section");
                }

                _body.Append("</ul></aside><main class=\"grow\"><h1>Overview</h1><div class=\"stats\">");
                foreach (var stat in _rng.Sample<string>(["Revenue", "Visitors", "Sign-ups", "Open tickets", "Churn"], 3))
                {
                    _body.Append(CultureInfo.InvariantCulture, $"<div class=\"card stat\"><div class=\"muted\">{E(stat)}</div><div class=\"big\">{_rng.Between(12, 980)}</div></div>");
                }

                _body.Append("</div>");
                Paragraphs(2);
                _body.Append("</main></div>");
                return;
            }

            // A menu bar with one menu open.
            var bar = _rng.Sample<string>(["File", "Edit", "View", "Insert", "Format", "Tools", "Help"], _mobile ? 4 : _rng.Between(5, 7));
            var open = _rng.Next(Math.Min(3, bar.Count));
            _body.Append("<main><div class=\"menubar\" role=\"menubar\">");
            var items = _rng.Sample<string>(["New document", "Open recent", "Save a copy", "Export as PDF", "Show preview", "Version history", "Page setup", "Invite collaborators", "Word count", "Spell check"], _rng.Between(4, 7));
            for (var i = 0; i < bar.Count; i++)
            {
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<span class=\"mwrap\"><button type=\"button\" role=\"menuitem\" class=\"mb\" id=\"{id}\"{(i == open ? " aria-expanded=\"true\"" : string.Empty)}>{E(bar[i])}</button>");
                Add(id, GroundingSplit.Text, false, $"open the {bar[i]} menu", $"{Verb} {bar[i]} in the menu bar");
                if (i == open)
                {
                    _body.Append("<div class=\"dropdown\" role=\"menu\">");
                    foreach (var item in items)
                    {
                        var iid = Id();
                        _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" role=\"menuitem\" id=\"{iid}\">{E(item)}</button>");
                        Add(iid, GroundingSplit.Text, true, $"choose {item} from the menu", $"select \"{item}\"", $"{Verb} {item.ToLowerInvariant()}");
                    }

                    _body.Append("</div>");
                }

                _body.Append("</span>");
            }

            _body.Append("</div><div class=\"card\"><h1>Untitled document</h1>");
            Paragraphs(3);
            _body.Append("</div></main>");
        }

        public void Dialog()
        {
            _body.Append("<main><div class=\"card\"><h1>Project overview</h1>");
            Paragraphs(2);
            var behind = _rng.Pick<string>(["Invite people", "View activity", "Export data"]);
            var bid = Id();
            _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn alt\" id=\"{bid}\">{E(behind)}</button></div></main>");

            // The overlay covers the header and the page behind the dialog: only the dialog's controls are targets.
            _candidates.Clear();
            var (title, message, confirm, cancel) = _rng.Pick<(string, string, string, string)>(
            [
                ("Delete this project?", "All files and history will be removed.", "Delete project", "Keep it"),
                ("Unsaved changes", "You have changes that were not saved.", "Discard changes", "Keep editing"),
                ("Sign out of all devices?", "You will need to sign in again everywhere.", "Sign out everywhere", "Stay signed in"),
                ("Enable notifications?", "We will tell you when something needs your attention.", "Turn on notifications", "Not now"),
                ("Leave the meeting?", "The others can continue without you.", "Leave meeting", "Stay"),
            ]);
            _body.Append(CultureInfo.InvariantCulture, $"<div class=\"overlay\"></div><div class=\"dialog\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"dlg-title\"><div class=\"dhead\"><h2 id=\"dlg-title\">{E(title)}</h2>");
            var close = IconLibrary.All.First(i => i.Key == "close");
            var cid = Id();
            var closeLabel = _rng.Pick<string>(["Close", "Close dialog"]);
            _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"ib\" id=\"{cid}\" aria-label=\"{closeLabel}\" title=\"{closeLabel}\">{Svg(close)}</button></div><p>{E(message)}</p><div class=\"actions\">");
            Add(cid, GroundingSplit.Icon, true, "close the dialog", "dismiss the popup", $"{Verb} the X in the corner of the dialog");
            foreach (var (text, alt) in new[] { (cancel, true), (confirm, false) })
            {
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn{(alt ? " alt" : string.Empty)}\" id=\"{id}\">{E(text)}</button>");
                Add(id, GroundingSplit.Text, true, $"{Verb} {text}", $"press \"{text}\" in the dialog", $"choose {text.ToLowerInvariant()}");
            }

            _body.Append("</div></div>");
        }

        public void List()
        {
            if (_rng.Chance(0.6))
            {
                _body.Append("<main><div class=\"card\"><h1>Inbox</h1><div class=\"list\">");
                var senders = _rng.Sample<string>(["Alice Martin", "Bob Chen", "Carla Gomez", "David Okafor", "Emma Novak", "Farid Haddad", "Grace Kim", "Hugo Silva", "Ines Larsen", "Jonas Weber", "Keiko Tanaka", "Liam Walsh"], _rng.Between(5, 8));
                var subjects = _rng.Sample<string>(["Lunch on Friday", "Budget for next year", "Photos from the trip", "Your order has shipped", "Meeting moved to 3pm", "Quick question", "Invoice attached", "Welcome aboard", "Weekly summary", "Holiday schedule"], senders.Count);
                for (var i = 0; i < senders.Count; i++)
                {
                    var id = Id();
                    _body.Append(CultureInfo.InvariantCulture, $"<a href=\"#\" class=\"row\" id=\"{id}\"><b>{E(senders[i])}</b><span class=\"subj\">{E(subjects[i])}</span><span class=\"muted\">{_rng.Between(7, 18)}:{_rng.Between(10, 59)}</span></a>");
                    var first = senders[i].Split(' ')[0];
                    Add(id, GroundingSplit.Text, true, $"open the email from {senders[i]}", $"{Verb} {first}'s message about {subjects[i].ToLowerInvariant()}", $"read the mail \"{subjects[i]}\"");
                }
            }
            else
            {
                _body.Append("<main><div class=\"card\"><h1>Shared files</h1><div class=\"list\">");
                foreach (var file in _rng.Sample<string>(["budget-2025.xlsx", "team-photo.jpg", "contract-final.pdf", "roadmap.pptx", "notes.txt", "logo.svg", "survey-results.csv", "handbook.docx", "invoice-0412.pdf"], _rng.Between(5, 8)))
                {
                    var id = Id();
                    _body.Append(CultureInfo.InvariantCulture, $"<a href=\"#\" class=\"row\" id=\"{id}\"><span>{E(file)}</span><span class=\"muted\">{_rng.Between(2, 900)} KB</span></a>");
                    Add(id, GroundingSplit.Text, true, $"open {file}", $"{Verb} the file {file}", $"show me {file}");
                }
            }

            _body.Append("</div></div></main>");
        }

        public void Table()
        {
            _body.Append("<main><div class=\"card scrollx\"><h1>Invoices</h1><table><thead><tr><th>Invoice</th><th>Customer</th>");
            var sorts = _rng.Sample<string>(["Date", "Amount", "Status"], 2);
            foreach (var column in new[] { "Date", "Amount", "Status" })
            {
                if (sorts.Contains(column))
                {
                    var id = Id();
                    _body.Append(CultureInfo.InvariantCulture, $"<th><button type=\"button\" class=\"sort\" id=\"{id}\">{column} ▾</button></th>");
                    Add(id, GroundingSplit.Text, false, $"sort by {column.ToLowerInvariant()}", $"{Verb} the {column} column header");
                }
                else
                {
                    _body.Append(CultureInfo.InvariantCulture, $"<th>{column}</th>");
                }
            }

            _body.Append("</tr></thead><tbody>");
            var customers = _rng.Sample<string>(["Blue Harbor", "Greenleaf", "Summit Tools", "Red Kite", "Oakridge", "Nova Foods", "Silver Line", "Westfield", "Brightside", "Maple & Co"], _rng.Between(5, _mobile ? 6 : 9));
            var numbers = _rng.Sample(Enumerable.Range(1000, 900).ToList(), customers.Count);
            for (var i = 0; i < customers.Count; i++)
            {
                var id = Id();
                var number = string.Create(CultureInfo.InvariantCulture, $"INV-{numbers[i]}");
                var status = _rng.Pick<string>(["Paid", "Due", "Overdue", "Draft"]);
                _body.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#\" id=\"{id}\">{number}</a></td><td>{E(customers[i])}</td><td>2025-{_rng.Between(1, 12):00}-{_rng.Between(1, 28):00}</td><td>{_rng.Between(20, 9000)}.00</td><td>{status}</td></tr>");
                Add(id, GroundingSplit.Text, true, $"open invoice {number}", $"{Verb} {number}", $"show me invoice {number}");
            }

            _body.Append("</tbody></table></div></main>");
        }

        public void Cards()
        {
            _body.Append("<main><h1>Choose what fits</h1><div class=\"cards\">");
            var ctas = _rng.Sample<string>(["Start free trial", "Book a demo", "Compare plans", "Read the guide", "Watch the video", "Get the app", "Join the waitlist", "Get the report", "Contact sales", "See pricing", "Try it now", "Meet the team"], _rng.Between(3, _mobile ? 4 : 6));
            var titles = _rng.Sample<string>(["Starter", "Growth", "Scale", "Mobile", "Insights", "Academy", "Events", "Security"], ctas.Count);
            for (var i = 0; i < ctas.Count; i++)
            {
                var id = Id();
                var swatch = Accents[(i + _rng.Next(Accents.Length)) % Accents.Length];
                _body.Append(CultureInfo.InvariantCulture, $"<div class=\"card item\"><div class=\"swatch\" style=\"background:{swatch}\">{E(titles[i][..1])}</div><h3>{E(titles[i])}</h3><p>{E(_rng.Pick(Sentences))}</p><button type=\"button\" class=\"btn\" id=\"{id}\">{E(ctas[i])}</button></div>");
                Add(id, GroundingSplit.Text, true, $"{Verb} {ctas[i]}", $"press \"{ctas[i]}\" on the {titles[i]} card", $"{Verb} the {ctas[i].ToLowerInvariant()} button");
            }

            _body.Append("</div></main>");
        }

        public void SmallTargets()
        {
            _body.Append("<main><div class=\"card\"><h1>Edit post</h1>");
            Paragraphs(1);
            _body.Append("<div class=\"chips\">Tags: ");
            var close = IconLibrary.All.First(i => i.Key == "close");
            foreach (var tag in _rng.Sample<string>(["design", "urgent", "backend", "marketing", "travel", "finance", "draft", "research"], _rng.Between(3, 5)))
            {
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<span class=\"chip\">{E(tag)}<button type=\"button\" class=\"tiny\" id=\"{id}\" aria-label=\"Remove {tag}\" title=\"Remove {tag}\">{Svg(close)}</button></span>");
                Add(id, GroundingSplit.Icon, true, $"remove the {tag} tag", $"delete the \"{tag}\" label", $"{Verb} the little x next to {tag}");
            }

            _body.Append("</div>");
            Paragraphs(_rng.Between(1, 3));
            _body.Append("</div></main><footer class=\"foot\">");
            foreach (var link in _rng.Sample<string>(["Privacy", "Terms", "Cookies", "Accessibility", "Sitemap", "Status", "Imprint"], _rng.Between(3, 5)))
            {
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<a href=\"#\" id=\"{id}\">{E(link)}</a>");
                Add(id, GroundingSplit.Text, true, $"{Verb} {link} in the footer", $"open the {link} link at the bottom");
            }

            _body.Append("</footer>");
        }

        public void TallPage()
        {
            var heading = _rng.Pick<string>(["How we plan our week", "A beginner's guide to sourdough", "Ten tips for remote teams", "What's new this spring", "Notes from the conference"]);
            _body.Append(CultureInfo.InvariantCulture, $"<main><article class=\"card\"><h1>{E(heading)}</h1>");
            var sections = _rng.Sample<string>(["Getting started", "The details", "Common mistakes", "What we learned", "Looking ahead", "Further reading"], _rng.Between(3, 5));
            foreach (var section in sections)
            {
                _body.Append(CultureInfo.InvariantCulture, $"<h2>{E(section)}</h2>");
                Paragraphs(_rng.Between(3, 5));
            }

            _body.Append("<div class=\"actions\">");
            foreach (var text in _rng.Sample<string>(["Subscribe to the newsletter", "Load more comments", "Back to top", "Leave a comment", "Next article"], 2))
            {
                var id = Id();
                _body.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn\" id=\"{id}\">{E(text)}</button>");
                Add(id, GroundingSplit.Text, true, $"scroll down and {Verb} {text}", $"{Verb} \"{text}\" at the end of the article", $"press {text.ToLowerInvariant()}");
            }

            var icon = _rng.Pick(IconLibrary.All.Where(i => !_usedIcons.Contains(i.Key)).ToList());
            _body.Append(IconButton(icon, main: true)).Append("</div></article></main>");
        }

        public void Frame(int index)
        {
            var heading = _rng.Pick<string>(["Checkout", "Support chat", "Book a call"]);
            _body.Append(CultureInfo.InvariantCulture, $"<main><div class=\"card\"><h1>{E(heading)}</h1>");
            Paragraphs(1);
            FrameFile = string.Create(CultureInfo.InvariantCulture, $"p{index + 1:0000}-frame.html");
            _body.Append(CultureInfo.InvariantCulture, $"<iframe id=\"widget\" title=\"Embedded form\" src=\"{FrameFile}\"></iframe></div></main>");
            var inner = new StringBuilder();
            foreach (var label in _rng.Sample<string>(["Card number", "Name on card", "Coupon code", "Your question", "Preferred time"], 2))
            {
                var id = Id();
                inner.Append(CultureInfo.InvariantCulture, $"<div class=\"field\"><label for=\"{id}\">{E(label)}</label><input type=\"text\" id=\"{id}\"></div>");
                Add("iframe#widget >>> #" + id, GroundingSplit.Text, true, $"enter the {label.ToLowerInvariant()}", $"{Verb} the {label} field in the embedded form");
            }

            var button = _rng.Pick<string>(["Pay now", "Apply coupon", "Send question", "Request a call"]);
            var bid = Id();
            inner.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn\" id=\"{bid}\">{E(button)}</button>");
            Add("iframe#widget >>> #" + bid, GroundingSplit.Text, true, $"{Verb} {button}", $"press the {button} button");
            FrameHtml = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Embedded form</title><style>{Css()}body{{background:{_surface}}}</style></head><body><div style=\"padding:12px\">{inner}</div></body></html>";
        }

        /// <summary>Picks two targets: one from the page's main content, and a second that is an icon about half the time.</summary>
        public IReadOnlyList<ComposedTarget> PickTargets()
        {
            var picked = new List<Candidate>();
            var main = _candidates.Where(c => c.Main).ToList();
            picked.Add(_rng.Pick(main.Count > 0 ? main : _candidates));
            var rest = _candidates.Where(c => !picked.Contains(c)).ToList();
            var icons = rest.Where(c => c.Split == GroundingSplit.Icon).ToList();
            if (icons.Count > 0 && _rng.Chance(0.5))
            {
                picked.Add(_rng.Pick(icons));
            }
            else if (rest.Count > 0)
            {
                var restMain = rest.Where(c => c.Main).ToList();
                picked.Add(_rng.Pick(restMain.Count > 0 && _rng.Chance(0.6) ? restMain : rest));
            }

            return [.. picked.Select(c =>
            {
                var ask = _rng.Pick(c.Asks);
                return new ComposedTarget(c.Selector, c.Split, _rng.Chance(0.3) ? char.ToUpperInvariant(ask[0]) + ask[1..] : ask);
            })];
        }

        public string Html() =>
            $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{E(_title)}</title>\n<style>{Css()}</style>\n</head>\n<body>\n{_body}\n</body>\n</html>\n";

        private string Css() => string.Create(CultureInfo.InvariantCulture, $$"""
            *{box-sizing:border-box}
            body{margin:0;font-family:{{_font}};font-size:{{_fontSize}}px;background:{{_background}};color:{{_foreground}};line-height:1.45}
            header.bar{display:flex;flex-wrap:wrap;align-items:center;gap:10px;padding:10px 16px;border-bottom:1px solid rgba(0,0,0,.12)}
            header .brand{font-weight:bold;font-size:1.25em;margin-right:auto}
            nav.top a{color:inherit;text-decoration:none;margin:0 8px}
            .icons{display:inline-flex;gap:4px}
            main{max-width:{{_maxWidth}}px;margin:20px auto;padding:0 16px}
            .card{background:{{_surface}};border-radius:{{_radius}}px;padding:18px 20px;box-shadow:0 1px 4px rgba(0,0,0,.15);margin-bottom:16px}
            h1{font-size:1.6em;margin:0 0 12px}
            h2{font-size:1.25em;margin:18px 0 8px}
            .field{margin-bottom:12px}
            .field>label{display:block;font-weight:bold;margin-bottom:4px}
            input,select{font:inherit;padding:7px 9px;border:1px solid #98a2b3;border-radius:{{_radius}}px;width:100%;background:#fff;color:#1f2430}
            label.check{display:inline-flex;align-items:center;gap:6px}
            label.check input{width:auto}
            .grid2{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
            .actions{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px;align-items:center}
            .btn{font:inherit;padding:8px 16px;border-radius:{{_radius}}px;border:1px solid {{_accent}};background:{{_accent}};color:#fff;cursor:pointer}
            .btn.alt{background:transparent;color:{{_accent}}}
            .btn.push{margin-left:auto}
            .ib{width:{{_iconSize}}px;height:{{_iconSize}}px;display:inline-flex;align-items:center;justify-content:center;border:0;background:transparent;border-radius:{{_radius}}px;cursor:pointer;padding:5px;color:inherit}
            .ib svg,.tiny svg{width:100%;height:100%;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
            .toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:4px;padding:6px;border-bottom:1px solid rgba(0,0,0,.15);margin:-6px -8px 12px}
            .sep{width:1px;height:24px;background:rgba(0,0,0,.2);margin:0 4px}
            .split{display:flex;flex-wrap:wrap}
            .side{width:220px;padding:16px;background:{{_surface}};min-height:100vh}
            .side ul{list-style:none;margin:0;padding:0}
            .side a{display:block;padding:8px 10px;color:inherit;text-decoration:none;border-radius:{{_radius}}px}
            .grow{flex:1;margin:20px}
            .stats{display:flex;flex-wrap:wrap;gap:12px}
            .stat{min-width:140px}
            .big{font-size:1.8em;font-weight:bold}
            .muted{opacity:.65;font-size:.9em}
            .menubar{display:flex;gap:2px;background:{{_surface}};padding:4px;border-radius:{{_radius}}px;margin-bottom:12px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
            .mwrap{position:relative}
            .mb{font:inherit;background:transparent;border:0;padding:6px 10px;color:inherit;cursor:pointer}
            .mb[aria-expanded=true]{background:rgba(0,0,0,.1)}
            .dropdown{position:absolute;left:0;top:100%;z-index:5;display:flex;flex-direction:column;min-width:200px;background:{{_surface}};box-shadow:0 4px 14px rgba(0,0,0,.3);border-radius:{{_radius}}px;padding:4px}
            .dropdown button{font:inherit;text-align:left;background:transparent;border:0;padding:7px 12px;color:inherit;cursor:pointer}
            .overlay{position:fixed;inset:0;background:rgba(10,12,20,.55);z-index:10}
            .dialog{position:fixed;z-index:11;left:50%;top:50%;transform:translate(-50%,-50%);width:min(440px,92vw);background:{{_surface}};border-radius:{{_radius}}px;padding:18px 20px;box-shadow:0 8px 30px rgba(0,0,0,.4)}
            .dhead{display:flex;align-items:center;justify-content:space-between}
            .dhead h2{margin:0}
            .list{display:flex;flex-direction:column}
            .row{display:flex;flex-wrap:wrap;gap:12px;padding:10px 6px;border-bottom:1px solid rgba(0,0,0,.1);color:inherit;text-decoration:none}
            .row .subj{flex:1}
            .scrollx{overflow-x:auto}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:8px 10px;border-bottom:1px solid rgba(0,0,0,.12);white-space:nowrap}
            td a{color:{{_accent}}}
            .sort{font:inherit;font-weight:bold;background:transparent;border:0;padding:0;color:inherit;cursor:pointer}
            .cards{display:flex;flex-wrap:wrap;gap:14px}
            .item{flex:1 1 200px;margin:0}
            .swatch{width:44px;height:44px;border-radius:{{_radius}}px;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:bold;font-size:1.3em}
            .chips{margin:10px 0}
            .chip{display:inline-flex;align-items:center;gap:4px;background:rgba(0,0,0,.08);border-radius:12px;padding:2px 4px 2px 10px;margin:0 4px 4px 0;font-size:.85em}
            .tiny{width:14px;height:14px;padding:1px;border:0;background:transparent;cursor:pointer;color:inherit;display:inline-flex}
            .foot{display:flex;flex-wrap:wrap;gap:14px;justify-content:center;padding:12px;font-size:11px}
            .foot a{color:inherit}
            iframe#widget{width:100%;height:260px;border:1px solid rgba(0,0,0,.2);border-radius:{{_radius}}px}
            @media (max-width:600px){.grid2{grid-template-columns:1fr}.side{width:100%;min-height:0}.grow{margin:12px} }
            """);

        private string IconButton(IconLibrary.Icon icon, bool main)
        {
            _usedIcons.Add(icon.Key);
            var id = Id();
            var label = _rng.Pick(icon.Labels);
            var aria = _rng.Chance(0.7) ? $" aria-label=\"{E(label)}\"" : string.Empty;
            Add(id, GroundingSplit.Icon, main, icon.Asks);
            return $"<button type=\"button\" class=\"ib\" id=\"{id}\"{aria} title=\"{E(label)}\">{Svg(icon)}</button>";
        }

        private static string Svg(IconLibrary.Icon icon) => $"<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon.Body}</svg>";

        private void Paragraphs(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _body.Append("<p>").Append(E(string.Join(' ', _rng.Sample(Sentences, _rng.Between(2, 4))))).Append("</p>");
            }
        }

        private string Id() => string.Create(CultureInfo.InvariantCulture, $"e{++_nextId}");

        private void Add(string id, string split, bool main, params IReadOnlyList<string> asks) =>
            _candidates.Add(new Candidate(id.Contains(">>>", StringComparison.Ordinal) ? id : "#" + id, split, asks, main));

        private static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
