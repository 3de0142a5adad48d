namespace LocalModel.Builder.Onnx;

/// <summary>ONNX <c>TensorProto.DataType</c> values used by the builder.</summary>
internal enum OnnxDataType
{
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>8-bit unsigned integer (packed quantized weights, zero points).</summary>
    UInt8 = 2,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 6,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,

    /// <summary>Boolean.</summary>
    Bool = 9,

    /// <summary>16-bit IEEE float.</summary>
    Float16 = 10,

    /// <summary>bfloat16.</summary>
    BFloat16 = 16,
}
