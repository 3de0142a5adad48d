using System.Collections.Generic;

namespace LocalModel.Builder.Safetensors;

/// <summary>One tensor's entry in a safetensors header.</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The shape, row-major.</param>
/// <param name="File">The file holding the tensor.</param>
/// <param name="DataOffset">Absolute byte offset of the first element in <paramref name="File"/>.</param>
/// <param name="ByteLength">Number of bytes of data.</param>
public sealed record SafetensorsTensorInfo(string Name, SafetensorsDType DType, IReadOnlyList<long> Shape, string File, long DataOffset, long ByteLength)
{
    /// <summary>Gets the number of elements.</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Shape)
            {
                n *= d;
            }

            return n;
        }
    }
}
