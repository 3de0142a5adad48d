using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using LocalModel.Packaging;

namespace LocalModel.Generation;

/// <summary>
/// The token embedding matrix, memory-mapped from the package, so looking a token up is a row copy rather than an
/// ONNX Runtime call. Thread-safe (read-only).
/// </summary>
internal sealed unsafe class EmbeddingTable : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly bool _fp16;
    private readonly int _rows;

    public EmbeddingTable(string packageDirectory, EmbeddingTableManifest table, int hiddenSize, int vocabSize)
    {
        var path = Path.Combine(packageDirectory, table.File);
        if (!File.Exists(path))
        {
            throw new ModelPackageException($"text.embedding_table.file '{table.File}' does not exist in '{packageDirectory}'.");
        }

        if (table.DType is not ("fp32" or "fp16"))
        {
            throw new ModelPackageException($"text.embedding_table.dtype '{table.DType}' is not supported (fp32, fp16).");
        }

        if (table.Cols != hiddenSize || table.Rows != vocabSize)
        {
            throw new ModelPackageException($"text.embedding_table is {table.Rows}x{table.Cols}, but the model has vocab {vocabSize} and hidden size {hiddenSize}.");
        }

        _fp16 = table.DType == "fp16";
        _rows = table.Rows;
        Width = table.Cols;
        var bytes = (long)table.Rows * table.Cols * (_fp16 ? 2 : 4);
        var length = new FileInfo(path).Length;
        if (table.Offset < 0 || table.Offset + bytes > length)
        {
            throw new ModelPackageException($"text.embedding_table ({bytes} bytes at offset {table.Offset}) does not fit '{path}' of {length} bytes.");
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* ptr = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref ptr);
        _base = ptr + _view.PointerOffset + table.Offset;
    }

    public int Width { get; }

    /// <summary>Copies the embedding of <paramref name="tokenId"/> into <paramref name="destination"/> (length <see cref="Width"/>).</summary>
    public void CopyRow(int tokenId, Span<float> destination)
    {
        if ((uint)tokenId >= (uint)_rows)
        {
            throw new ArgumentOutOfRangeException(nameof(tokenId), tokenId, "Token id outside the embedding table.");
        }

        if (_fp16)
        {
            var row = new ReadOnlySpan<Half>(_base + ((long)tokenId * Width * 2), Width);
            for (var i = 0; i < row.Length; i++)
            {
                destination[i] = (float)row[i];
            }
        }
        else
        {
            new ReadOnlySpan<float>(_base + ((long)tokenId * Width * 4), Width).CopyTo(destination);
        }
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
