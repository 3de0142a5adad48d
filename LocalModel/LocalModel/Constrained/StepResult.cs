namespace LocalModel.Constrained;

/// <summary>What one frame did with one input symbol.</summary>
internal enum StepResult : byte
{
    /// <summary>The symbol was consumed; the frame continues.</summary>
    Consumed,

    /// <summary>The symbol is not allowed here.</summary>
    Reject,

    /// <summary>The symbol was consumed and completed the frame.</summary>
    Done,

    /// <summary>The frame was already complete and the symbol does not continue it: pop, give the symbol to the parent.</summary>
    Pass,

    /// <summary>Push the pending child and give it the symbol.</summary>
    Push,

    /// <summary>The symbol was consumed; push the pending child, which starts at the next symbol.</summary>
    PushConsumed,

    /// <summary>The frame became another node (dispatch); step the symbol again.</summary>
    Retry,
}
