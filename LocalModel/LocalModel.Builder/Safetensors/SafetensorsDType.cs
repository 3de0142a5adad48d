namespace LocalModel.Builder.Safetensors;

/// <summary>Element types of safetensors tensors the builder can read.</summary>
public enum SafetensorsDType
{
    /// <summary>32-bit float (<c>F32</c>).</summary>
    F32,

    /// <summary>16-bit IEEE float (<c>F16</c>).</summary>
    F16,

    /// <summary>bfloat16 (<c>BF16</c>).</summary>
    BF16,

    /// <summary>64-bit integer (<c>I64</c>), read only for metadata tensors.</summary>
    I64,
}
