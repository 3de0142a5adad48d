using System.Collections.Generic;

namespace LocalModel.Tests.Embeddings;

/// <summary>Varied sentences for the parity test: short, long (over 256 and over 512 tokens), punctuation, accents, numbers, case, code, blank.</summary>
internal static class MiniLmParityCorpus
{
    private const string Storage =
        "The storage layer keeps every document in an append-only log, compacts it in the background once a segment " +
        "grows past sixty-four megabytes, and rebuilds the index from the log after a crash. Readers never block " +
        "writers: each query sees a consistent snapshot taken when it started, and old snapshots are released as soon " +
        "as the last reader that holds them finishes. Backups copy sealed segments only, so they can run while the " +
        "service is under load without pausing ingestion or slowing down the search path. ";

    private const string Kitchen =
        "To make the sauce, soften two chopped onions in olive oil over a low heat for ten minutes, add three cloves " +
        "of garlic and a pinch of chilli flakes, then pour in the tomatoes with a splash of red wine. Let it simmer " +
        "gently for forty minutes, stirring now and then so that nothing sticks to the bottom of the pan, and season " +
        "with salt, pepper and a little sugar if the tomatoes taste sharp. Tear in fresh basil just before serving. ";

    private const string Travel =
        "We left the harbour before dawn, when the water was still flat and grey, and followed the coast north past " +
        "the lighthouse and the old fishing villages whose white houses climb the cliffs. By noon the wind had picked " +
        "up, the boat heeled over, and we spent the afternoon tacking between small islands covered in pine trees, " +
        "looking for a sheltered bay where we could anchor for the night and swim before the sun went down. ";

    private const string Astronomy =
        "Astronomers measure the distance to nearby stars by parallax: as the Earth moves around the Sun, a close star " +
        "appears to shift against the background of far more distant ones, and the size of that shift gives the " +
        "distance directly. For galaxies far beyond the reach of parallax they rely on standard candles such as " +
        "Cepheid variables and type Ia supernovae, whose true brightness is known, and compare it with what we see. ";

    private const string Medicine =
        "The patient reported a dry cough and a mild fever that had lasted for four days, with no shortness of breath " +
        "and no chest pain. Examination found clear lungs and a slightly inflamed throat; the doctor advised rest, " +
        "plenty of fluids and paracetamol for the fever, and asked the patient to come back if the symptoms got worse " +
        "or had not improved within a week, or at once if breathing became difficult at any point. ";

    /// <summary>Gets the sentences; tokenizer differences from the package are asserted by the parity test, not listed here.</summary>
    public static IReadOnlyList<string> Sentences { get; } =
    [
        // Short.
        "sign in",
        "log in",
        "delete account",
        "Reset my password.",
        "How do I change my email address?",
        "The cat sat on the mat.",
        "A dog is running in the park.",
        "It is raining heavily today.",
        "I love programming in C#.",
        "Where is the nearest train station?",
        "Quarterly revenue grew faster than expected.",
        "The meeting has been moved to Thursday afternoon.",
        "She plays the violin beautifully.",
        "Please turn off the lights when you leave.",

        // Long: 257 to 510 tokens, and one past the model's 512.
        Storage + Kitchen + Travel,
        Kitchen + Travel + Astronomy,
        Astronomy + Medicine + Storage + Kitchen,
        Storage + Kitchen + Travel + Astronomy + Medicine + Storage,

        // Punctuation.
        "Wait... what?! Are you serious?",
        "Items: apples, pears; oranges (ripe) & lemons [sour].",
        "\"Quoted text,\" she said, 'and more quotes'.",
        "email me at someone@example.com or visit https://example.com/path?q=1&r=2",
        "#hashtag @mention $100 50% 3*4=12 a+b-c/d",
        "Well -- that's it; the end!!!",
        "Semi;colons:and,commas.everywhere",

        // Unicode and accents.
        "Café au lait, naïve résumé, façade.",
        "Über die Brücke gehen wir morgen früh.",
        "¿Dónde está la biblioteca? ¡Muy bien!",
        "Ça va très bien, merci beaucoup.",
        "Ελληνικά γράμματα και λέξεις.",
        "Привет, как дела?",
        "東京は日本の首都です。",
        "The price is 20€ — or about £17.",
        "He said “hello” and left…",
        "Emoji time 🎉🚀 party!",

        // Numbers.
        "The year 2024 had 366 days.",
        "Call 555-0199 between 9:00 and 17:30.",
        "Pi is approximately 3.14159265358979.",
        "Version 1.31.0 was released on 2025-09-14.",
        "1 2 3 4 5 6 7 8 9 10",
        "1,000,000 users and 0.5% churn",

        // Mixed case.
        "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG",
        "tHe QuIcK bRoWn FoX",
        "iPhone, macOS and JavaScript are CamelCase names.",
        "NASA and the ESA launched a joint mission.",

        // Code.
        "public static void Main(string[] args) { Console.WriteLine(\"Hello\"); }",
        "for (int i = 0; i < n; i++) sum += a[i];",
        "SELECT name, COUNT(*) FROM users GROUP BY name HAVING COUNT(*) > 1;",
        "def add(a, b):\n    return a + b",
        "git commit -m \"Fix bug\" && git push origin main",
        "{\"key\": [1, 2, 3], \"nested\": {\"x\": null}}",

        // Whitespace inside text.
        "tab\tseparated\tvalues",
        "line one\nline two",
        "  leading and trailing spaces  ",

        // Empty-ish.
        "",
        "   ",
        ".",
        "?!",
        "a",
        "supercalifragilisticexpialidociousnessandantidisestablishmentarianism",

        // More everyday requests of the kind the plugins embed (appended, so earlier indices stay as listed above).
        "Click the blue Save button at the bottom of the settings page.",
        "Will I need an umbrella in Lisbon tomorrow afternoon?",
        "Convert 250 US dollars to euros at today's rate.",
        "I feel anxious about my exam next week and can't sleep.",
        "Open the second link in the search results and read the first paragraph.",
        "Remind me to call the dentist on Monday at 9 am.",
    ];
}
