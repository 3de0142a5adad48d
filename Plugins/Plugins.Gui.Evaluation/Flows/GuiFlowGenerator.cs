using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using Plugins.Gui.Evaluation.Generation;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>
/// Generates seeded multi-step flows (sign-in, registration with a dropdown and checkboxes, search, settings toggles,
/// checkout over two pages) as small static sites whose last page shows the submitted values. Layouts, labels, field
/// order, values and themes vary. Held-out flows use another random stream for the same seed and only unseen
/// combinations: every held-out flow has its kind's reserved layout (signin/inline, register/card, search/tall,
/// settings/stacked, checkout/inline), which no training flow has, and each field label is drawn from the reserved
/// vocabulary (one label per field, never in training) with probability one half.
/// </summary>
public static class GuiFlowGenerator
{
    /// <summary>The flow kinds.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["signin", "register", "search", "settings", "checkout"];

    /// <summary>The layouts.</summary>
    public static readonly IReadOnlyList<string> Layouts = ["stacked", "inline", "card", "tall"];

    /// <summary>The layout each kind uses only in held-out flows.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReservedLayouts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signin"] = "inline",
        ["register"] = "card",
        ["search"] = "tall",
        ["settings"] = "stacked",
        ["checkout"] = "inline",
    };

    private static readonly (string Name, string Bg, string Fg, string Accent, string Font)[] Themes =
    [
        ("light", "#ffffff", "#1d1d1f", "#0a66c2", "Arial, sans-serif"),
        ("dark", "#1e1f24", "#eceff4", "#3fb950", "Verdana, sans-serif"),
        ("warm", "#fff7ec", "#3b2a1a", "#c2410c", "Georgia, serif"),
        ("mint", "#effaf5", "#123524", "#0f766e", "Tahoma, sans-serif"),
        ("slate", "#f1f5f9", "#0f172a", "#7c3aed", "'Trebuchet MS', sans-serif"),
    ];

    // Label vocabularies: the last entry of each is reserved for held-out flows.
    private static readonly Dictionary<string, string[]> Labels = new(StringComparer.Ordinal)
    {
        ["username"] = ["Username", "User name", "Login", "Account name"],
        ["password"] = ["Password", "Passphrase", "Your password", "Secret"],
        ["remember"] = ["Remember me", "Keep me signed in", "Stay signed in"],
        ["signin"] = ["Sign in", "Log in", "Continue", "Enter"],
        ["name"] = ["Full name", "Name", "Your name", "Contact name"],
        ["email"] = ["Email", "E-mail address", "Email address", "Mail"],
        ["country"] = ["Country", "Country of residence", "Region"],
        ["newsletter"] = ["Subscribe to the newsletter", "Send me news", "Monthly newsletter"],
        ["terms"] = ["I accept the terms", "I agree to the terms", "Accept conditions"],
        ["register"] = ["Register", "Create account", "Sign up", "Join"],
        ["query"] = ["Search", "Search terms", "Find", "Look for"],
        ["category"] = ["Category", "Department", "Section"],
        ["save"] = ["Save", "Save settings", "Apply", "Store"],
        ["language"] = ["Language", "Display language", "Locale"],
        ["checkout"] = ["Checkout", "Proceed to checkout", "Buy now", "Continue to payment"],
        ["address"] = ["Address", "Street address", "Street"],
        ["city"] = ["City", "Town", "Locality"],
        ["method"] = ["Shipping method", "Delivery", "Shipping speed"],
        ["gift"] = ["Gift wrap", "Wrap as a gift", "Add gift wrapping"],
        ["order"] = ["Place order", "Confirm order", "Pay now", "Submit order"],
    };

    private static readonly string[] FirstNames = ["Ann", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga", "Pavel", "Rosa", "Sam", "Tara", "Omar"];
    private static readonly string[] LastNames = ["Lee", "Novak", "Garcia", "Okafor", "Smith", "Tanaka", "Weber", "Rossi", "Khan", "Dubois", "Silva", "Berg"];
    private static readonly string[] Words = ["blue", "river", "maple", "quartz", "tiger", "lemon", "cobalt", "violet", "stone", "ember", "cedar", "pixel", "orbit", "delta"];
    private static readonly string[] Countries = ["Canada", "France", "Japan", "Brazil", "Kenya", "Norway", "India", "Mexico", "Spain", "Chile"];
    private static readonly string[] Categories = ["Books", "Garden", "Kitchen", "Music", "Sports", "Toys", "Office", "Travel"];
    private static readonly string[] Products = ["kettle", "lamp", "backpack", "notebook", "teapot", "headphones", "umbrella", "blender", "tent", "desk chair"];
    private static readonly string[] Adjectives = ["red", "steel", "small", "folding", "wooden", "quiet", "compact", "green"];
    private static readonly string[] Languages = ["English", "French", "German", "Spanish", "Italian", "Dutch"];
    private static readonly string[] Settings = ["Email notifications", "Dark mode", "Two-factor login", "Auto-save", "Show tips", "Sound effects", "Location access"];
    private static readonly string[] Streets = ["Oak Street", "Hill Road", "Lake Avenue", "Park Lane", "Mill Way", "Elm Court"];
    private static readonly string[] Cities = ["Lyon", "Osaka", "Denver", "Porto", "Bergen", "Austin", "Leeds", "Perth"];
    private static readonly string[] Methods = ["Standard", "Express", "Overnight", "Economy"];
    private static readonly string[] Brands = ["Northwind", "Bluebird", "Acme", "Lumen", "Cobalt", "Fern", "Orbit"];

    /// <summary>Generates <paramref name="count"/> flows of <paramref name="split"/> from <paramref name="seed"/>; the same arguments give the same flows.</summary>
    /// <param name="split">train or heldout.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="count">How many flows.</param>
    /// <exception cref="ArgumentException">The split is neither train nor heldout, or the count is negative.</exception>
    public static IReadOnlyList<GeneratedFlow> Generate(string split, int seed, int count)
    {
        var heldOut = split switch
        {
            "train" => false,
            "heldout" => true,
            _ => throw new ArgumentException($"The split '{split}' is unknown; use train or heldout.", nameof(split)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var flows = new List<GeneratedFlow>(count);
        for (var i = 0; i < count; i++)
        {
            var random = SeededRandom.For(heldOut ? seed ^ 0x4D1D0 : seed, i);
            var id = string.Create(CultureInfo.InvariantCulture, $"{split}-s{seed}-{i:D4}");
            flows.Add(new Builder(random, id, split, heldOut, Kinds[i % Kinds.Count]).Build());
        }

        return flows;
    }

    private sealed record Field(string Key, string Label, string Type, string? Value, bool Checked, bool Initial, IReadOnlyList<string> Options, string Id);

    private sealed class Builder(SeededRandom random, string id, string split, bool heldOut, string kind)
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private bool _reservedLabel;

        public GeneratedFlow Build()
        {
            var layout = heldOut ? ReservedLayouts[kind] : random.Pick(Layouts.Where(l => l != ReservedLayouts[kind]).ToList());
            var theme = Themes[random.Next(Themes.Length)];
            var brand = random.Pick(Brands);
            var pages = new Dictionary<string, string>(StringComparer.Ordinal);
            var steps = new List<GuiFlowStep>();
            var expected = new List<string>();
            string task;
            switch (kind)
            {
                case "signin":
                {
                    var user = (random.Pick(FirstNames) + "." + random.Pick(LastNames)).ToLowerInvariant();
                    var password = random.Pick(Words) + random.Between(10, 99).ToString(CultureInfo.InvariantCulture) + "!";
                    var remember = random.Chance(0.5);
                    var fields = new List<Field>
                    {
                        Text("username", "text", user),
                        Text("password", "password", password),
                    };
                    if (random.Chance(0.7))
                    {
                        fields.Add(Box("remember", remember, false));
                    }

                    task = random.Pick([
                        $"Sign in as {user} with password {password}.",
                        $"Log in with username {user} and password {password}.",
                        $"Use the account {user} (password {password}) to sign in."]);
                    if (fields.Count == 3 && remember)
                    {
                        task += " Stay signed in.";
                    }

                    Form(pages, "index.html", brand + " sign in", "Welcome back", fields, Label("signin"), "done.html", layout, theme, steps, expected);
                    pages["done.html"] = Done(brand, "Signed in", fields, theme);
                    break;
                }

                case "register":
                {
                    var first = random.Pick(FirstNames);
                    var last = random.Pick(LastNames);
                    var name = first + " " + last;
                    var email = (first + "." + last).ToLowerInvariant() + "@" + random.Pick(Words) + ".org";
                    var options = random.Sample(Countries, 5);
                    var country = random.Pick(options);
                    var fields = new List<Field>
                    {
                        Text("name", "text", name),
                        Text("email", "email", email),
                        Select("country", options, country),
                    };
                    Shuffle(fields);
                    var newsletter = random.Chance(0.5);
                    var terms = random.Chance(0.8);
                    fields.Add(Box("newsletter", newsletter, false));
                    fields.Add(Box("terms", terms, false));
                    var parts = new List<string> { $"name {name}", $"email {email}", $"country {country}" };
                    Shuffle(parts);
                    task = random.Pick(["Register with ", "Create an account with ", "Sign up using "]) + string.Join(", ", parts);
                    if (newsletter)
                    {
                        task += ", subscribe to the newsletter";
                    }

                    if (terms)
                    {
                        task += ", accept the terms";
                    }

                    task += ", then submit.";
                    Form(pages, "index.html", brand + " registration", "Create your account", fields, Label("register"), "done.html", layout, theme, steps, expected);
                    pages["done.html"] = Done(brand, "Account created", fields, theme);
                    break;
                }

                case "search":
                {
                    var query = random.Pick(Adjectives) + " " + random.Pick(Products);
                    var options = random.Sample(Categories, 5);
                    var category = random.Pick(options);
                    var fields = new List<Field> { Select("category", options, category), Text("query", "search", query) };
                    task = random.Pick([$"Search for {query} in {category}.", $"Find {query} under {category}.", $"Look up {query} in the {category} section."]);
                    Form(pages, "index.html", brand + " store", "Search the catalogue", fields, random.Pick(["Go", "Search now"]), "results.html", layout, theme, steps, expected, submitWithEnter: true);
                    pages["results.html"] = Done(brand, "Results", fields, theme);
                    break;
                }

                case "settings":
                {
                    var names = random.Sample(Settings, random.Between(3, 4));
                    var fields = new List<Field>();
                    var on = new List<string>();
                    var off = new List<string>();
                    foreach (var setting in names)
                    {
                        var initial = random.Chance(0.5);
                        var target = random.Chance(0.5);
                        fields.Add(new Field(Key(setting), setting, "checkbox", null, target, initial, [], NewId()));
                        if (target != initial || random.Chance(0.3))
                        {
                            (target ? on : off).Add(setting);
                        }
                    }

                    var languages = random.Sample(Languages, 4);
                    var language = random.Pick(languages);
                    fields.Insert(random.Next(fields.Count + 1), Select("language", languages, language));
                    var parts = new List<string>();
                    if (on.Count > 0)
                    {
                        parts.Add("turn on " + string.Join(" and ", on));
                    }

                    if (off.Count > 0)
                    {
                        parts.Add("turn off " + string.Join(" and ", off));
                    }

                    // Settings left unmentioned keep their state; the task mentions every change.
                    foreach (var field in fields.Where(f => f.Type == "checkbox" && !on.Contains(f.Label) && !off.Contains(f.Label)).ToList())
                    {
                        fields[fields.IndexOf(field)] = field with { Checked = field.Initial };
                    }

                    var languageLabel = fields.First(f => f.Key == "language").Label;
                    parts.Add($"set {languageLabel} to {language}");
                    task = "In the settings, " + string.Join(", ", parts) + ", then save.";
                    Form(pages, "index.html", brand + " settings", "Preferences", fields, Label("save"), "done.html", layout, theme, steps, expected);
                    pages["done.html"] = Done(brand, "Settings saved", fields, theme);
                    break;
                }

                default:
                {
                    var product = random.Pick(Adjectives) + " " + random.Pick(Products);
                    var name = random.Pick(FirstNames) + " " + random.Pick(LastNames);
                    var address = random.Between(2, 98).ToString(CultureInfo.InvariantCulture) + " " + random.Pick(Streets);
                    var city = random.Pick(Cities);
                    var methods = random.Sample(Methods, 3);
                    var method = random.Pick(methods);
                    var gift = random.Chance(0.4);
                    var checkoutLabel = Label("checkout");
                    var checkoutId = NewId();
                    pages["index.html"] = Page(brand + " cart", theme, layout, $"<h1>Your cart</h1><p>1 x {Html(product)}, {random.Between(9, 99).ToString(CultureInfo.InvariantCulture)}.99</p><form action=\"shipping.html\" method=\"get\"><button type=\"submit\" id=\"{checkoutId}\">{Html(checkoutLabel)}</button></form>");
                    steps.Add(new GuiFlowStep("click", checkoutId, checkoutLabel));
                    var fields = new List<Field>
                    {
                        Text("name", "text", name),
                        Text("address", "text", address),
                        Text("city", "text", city),
                        Select("method", methods, method),
                    };
                    fields.Add(Box("gift", gift, false));
                    task = $"Buy the {product}: check out and ship to {name}, {address}, {city} with {method} shipping" + (gift ? ", gift wrapped." : ".");
                    Form(pages, "shipping.html", brand + " shipping", "Shipping details", fields, Label("order"), "done.html", layout, theme, steps, expected);
                    pages["done.html"] = Done(brand, "Order placed", fields, theme);
                    break;
                }
            }

            steps.Add(new GuiFlowStep("done"));
            var flow = new GuiFlow(id, kind, layout, theme.Name, split, task, id + "/index.html", steps, expected) { ReservedLabels = _reservedLabel };
            return new GeneratedFlow(flow, pages);
        }

        private string Label(string key)
        {
            var vocabulary = Labels[key];
            if (heldOut && random.Chance(0.5))
            {
                _reservedLabel = true;
                return vocabulary[^1];
            }

            return vocabulary[random.Next(vocabulary.Length - 1)];
        }

        private Field Text(string key, string type, string value) => new(key, Label(key), type, value, false, false, [], NewId());

        private Field Select(string key, IReadOnlyList<string> options, string value) => new(key, Label(key), "select", value, false, false, options, NewId());

        private Field Box(string key, bool target, bool initial) => new(key, Label(key), "checkbox", null, target, initial, [], NewId());

        private string NewId()
        {
            string value;
            do
            {
                value = "e" + random.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
            }
            while (!_ids.Add(value));
            return value;
        }

        private void Shuffle<T>(List<T> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        private void Form(
            Dictionary<string, string> pages, string file, string title, string heading, List<Field> fields, string button, string action,
            string layout, (string Name, string Bg, string Fg, string Accent, string Font) theme, List<GuiFlowStep> steps, List<string> expected,
            bool submitWithEnter = false)
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"<h1>{Html(heading)}</h1><form action=\"{action}\" method=\"get\">");
            foreach (var field in fields)
            {
                body.Append("<div class=\"row\">");
                switch (field.Type)
                {
                    case "checkbox":
                        body.Append(CultureInfo.InvariantCulture, $"<span></span><span><input type=\"checkbox\" id=\"{field.Id}\" name=\"{field.Key}\"{(field.Initial ? " checked" : string.Empty)}> <label for=\"{field.Id}\">{Html(field.Label)}</label></span>");
                        if (field.Checked != field.Initial)
                        {
                            steps.Add(new GuiFlowStep("click", field.Id, field.Label));
                        }

                        expected.Add(field.Label + ": " + (field.Checked ? "on" : "off"));
                        break;
                    case "select":
                        body.Append(CultureInfo.InvariantCulture, $"<label for=\"{field.Id}\">{Html(field.Label)}</label><select id=\"{field.Id}\" name=\"{field.Key}\"><option value=\"\">Choose...</option>");
                        foreach (var option in field.Options)
                        {
                            body.Append(CultureInfo.InvariantCulture, $"<option>{Html(option)}</option>");
                        }

                        body.Append("</select>");
                        steps.Add(new GuiFlowStep("select_option", field.Id, field.Label, field.Value));
                        expected.Add(field.Label + ": " + field.Value);
                        break;
                    default:
                        body.Append(CultureInfo.InvariantCulture, $"<label for=\"{field.Id}\">{Html(field.Label)}</label><input type=\"{field.Type}\" id=\"{field.Id}\" name=\"{field.Key}\" autocomplete=\"off\">");
                        steps.Add(new GuiFlowStep("type_text", field.Id, field.Label, field.Value));
                        expected.Add(field.Label + ": " + field.Value);
                        break;
                }

                body.Append("</div>");
            }

            if (layout == "tall")
            {
                body.Append("<div class=\"spacer\"><p>Please check your entries before you continue.</p></div>");
                if (!submitWithEnter)
                {
                    steps.Add(new GuiFlowStep("scroll", Text: "down"));
                }
            }

            var buttonId = NewId();
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"row\"><span></span><button type=\"submit\" id=\"{buttonId}\">{Html(button)}</button></div></form>");
            steps.Add(submitWithEnter ? new GuiFlowStep("press_key", Text: "Enter") : new GuiFlowStep("click", buttonId, button));
            pages[file] = Page(title, theme, layout, body.ToString());
        }

        private static string Done(string brand, string heading, List<Field> fields, (string Name, string Bg, string Fg, string Accent, string Font) theme)
        {
            var spec = JsonSerializer.Serialize(fields.Select(f => new[] { f.Key, f.Label, f.Type == "checkbox" ? "1" : "0" }).ToArray());
            var body = $"<h1>{Html(heading)}</h1><ul id=\"out\"></ul><script>const p=new URLSearchParams(location.search);const o=document.getElementById('out');" +
                $"for(const [k,l,c] of {spec}){{const li=document.createElement('li');li.textContent=l+': '+(c==='1'?(p.has(k)?'on':'off'):(p.get(k)||''));o.appendChild(li);}}</script>";
            return Page(brand + " - " + heading, theme, "stacked", body);
        }

        private static string Page(string title, (string Name, string Bg, string Fg, string Accent, string Font) theme, string layout, string body)
        {
            var layoutCss = layout switch
            {
                "inline" => ".row{display:grid;grid-template-columns:180px 280px;gap:12px;align-items:center;margin:10px 0}",
                "card" => "main{max-width:380px;margin:40px auto;padding:24px;border-radius:12px;box-shadow:0 4px 18px rgba(0,0,0,.25)}.row{display:flex;flex-direction:column;margin:10px 0}.row span:empty{display:none}",
                _ => ".row{display:flex;flex-direction:column;max-width:340px;margin:10px 0}.row span:empty{display:none}",
            };
            return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html(title) + "</title><style>" +
                $"body{{margin:0;background:{theme.Bg};color:{theme.Fg};font:16px {theme.Font}}}main{{padding:24px 40px}}" +
                $"input,select{{font:inherit;padding:6px;border:1px solid {theme.Accent}}}input[type=checkbox]{{width:18px;height:18px}}" +
                $"button{{font:inherit;padding:8px 20px;background:{theme.Accent};color:#fff;border:0;border-radius:6px}}.spacer{{height:760px}}" +
                layoutCss + "</style></head><body><main>" + body + "</main></body></html>";
        }

        private static string Key(string label) => new(label.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

        private static string Html(string text) => WebUtility.HtmlEncode(text);
    }
}
