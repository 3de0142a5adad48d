namespace LocalModel.Generation;

/// <summary>Converts per-row position tuples (row-major <c>[rows, streams]</c>) to the decoder's stream-major layout and shapes.</summary>
internal static class PositionLayout
{
    /// <summary>Returns <paramref name="rowMajor"/> (<c>[rows, streams]</c>) as <c>[streams, rows]</c>; the same array for one stream.</summary>
    public static long[] StreamMajor(long[] rowMajor, int streams)
    {
        if (streams == 1)
        {
            return rowMajor;
        }

        var rows = rowMajor.Length / streams;
        var result = new long[rowMajor.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var s = 0; s < streams; s++)
            {
                result[(s * rows) + r] = rowMajor[(r * streams) + s];
            }
        }

        return result;
    }

    /// <summary>The <c>position_ids</c> shape of <paramref name="batch"/> x <paramref name="sequence"/>: <c>[batch, seq]</c> or <c>[streams, batch, seq]</c>.</summary>
    public static long[] Shape(int streams, long batch, long sequence) =>
        streams == 1 ? new[] { batch, sequence } : new[] { streams, batch, sequence };
}
