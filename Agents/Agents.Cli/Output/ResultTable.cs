using System.Collections.Generic;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Agents.Cli.Output;

/// <summary>Builds result tables whose cells are plain text (never parsed as markup); numeric columns right-aligned.</summary>
internal static class ResultTable
{
    /// <summary>Creates a table with the given headers; a header starting with '>' is right-aligned (the '>' is dropped).</summary>
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            var right = header.StartsWith('>');
            var column = new TableColumn(new Text(right ? header[1..] : header));
            table.AddColumn(right ? column.RightAligned() : column);
        }

        return table;
    }

    /// <summary>Adds a row of plain-text cells.</summary>
    public static Table AddTextRow(this Table table, IEnumerable<string> cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());
}
