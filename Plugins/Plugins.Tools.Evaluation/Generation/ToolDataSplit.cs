namespace Plugins.Tools.Evaluation.Generation;

/// <summary>
/// Which instruction templates a generated set draws from. <see cref="Tuning"/> and <see cref="HeldOut"/> use disjoint
/// templates in every group, so a retriever tuned on one is measured on phrasings it has never seen.
/// </summary>
public enum ToolDataSplit
{
    /// <summary>Every template of every group (the generator's original behaviour).</summary>
    All,

    /// <summary>Every direct and every paraphrase template of a group except its last one of each kind.</summary>
    Tuning,

    /// <summary>Only the last direct and the last paraphrase template of each group (never used by <see cref="Tuning"/>).</summary>
    HeldOut,
}
