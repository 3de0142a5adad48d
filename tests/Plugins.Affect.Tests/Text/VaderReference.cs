using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Plugins.Affect.Tests.Text;

/// <summary>The reference scores the original Python VADER gave our sentences (tests/fixtures/vader/reference.json).</summary>
internal static class VaderReference
{
    private static readonly Lazy<IReadOnlyList<ReferenceRow>> Rows = new(Load);

    public static IReadOnlyList<ReferenceRow> All => Rows.Value;

    public static string FixturePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Agents.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures", "vader", file);
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' contains Agents.sln; run the tests from the repository checkout.");
    }

    private static List<ReferenceRow> Load()
    {
        var path = FixturePath("reference.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is missing; regenerate it with '/usr/bin/python3 tests/fixtures/scripts/vader_reference.py --vader <vaderSentiment checkout or git dir>' (see Plugins/Plugins.Affect/Text/README.md).", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var rows = new List<ReferenceRow>();
        foreach (var row in document.RootElement.GetProperty("sentences").EnumerateArray())
        {
            rows.Add(new ReferenceRow(
                row.GetProperty("text").GetString()!,
                row.GetProperty("neg").GetDouble(),
                row.GetProperty("neu").GetDouble(),
                row.GetProperty("pos").GetDouble(),
                row.GetProperty("compound").GetDouble()));
        }

        return rows;
    }
}

/// <summary>One sentence and the original's scores for it.</summary>
internal sealed record ReferenceRow(string Text, double Negative, double Neutral, double Positive, double Compound);
