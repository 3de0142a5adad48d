using System;
using System.Collections.Generic;
using System.Linq;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Sorts boxes in reading order: lines from top to bottom (boxes whose vertical centres are within half the smaller
/// height of the line's first box share a line), and left to right within a line.
/// </summary>
internal static class ReadingOrder
{
    /// <summary>The items of <paramref name="items"/> in reading order of their boxes.</summary>
    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, CssRect> box)
    {
        var byTop = items.OrderBy(i => box(i).Center.Y).ThenBy(i => box(i).X).ToList();
        var result = new List<T>(byTop.Count);
        var line = new List<T>();
        CssRect? lineFirst = null;
        foreach (var item in byTop)
        {
            var rect = box(item);
            if (lineFirst is { } first)
            {
                var tolerance = Math.Max(4, Math.Min(first.Height, rect.Height) / 2);
                if (rect.Center.Y - first.Center.Y > tolerance)
                {
                    result.AddRange(line.OrderBy(i => box(i).X));
                    line.Clear();
                    lineFirst = rect;
                }
            }
            else
            {
                lineFirst = rect;
            }

            line.Add(item);
        }

        result.AddRange(line.OrderBy(i => box(i).X));
        return result;
    }
}
