namespace LocalModel.Generation;

/// <summary>Why generation ended.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end-of-sequence token.</summary>
    EndOfSequence,

    /// <summary>A stop sequence appeared in the text.</summary>
    StopSequence,

    /// <summary>The maximum number of new tokens was reached.</summary>
    Length,

    /// <summary>The model's context is full.</summary>
    ContextLength,
}
