namespace LocalModel.Builder.GenAi;

/// <summary>
/// Input and output names of a decoder graph as ONNX Runtime GenAI addresses them. The defaults are the names
/// GenAI assumes when a field is missing from <c>genai_config.json</c>, which are also the names our own decoder
/// graphs use.
/// </summary>
/// <remarks>
/// The KV-cache name patterns carry one <c>%d</c> placeholder that GenAI replaces with the layer index.
/// Instances are immutable and thread-safe.
/// </remarks>
/// <param name="InputIds">Token id input, <c>[batch, sequence]</c>. Default <c>input_ids</c>.</param>
/// <param name="AttentionMask">Attention mask input, <c>[batch, past + sequence]</c>. Default <c>attention_mask</c>.</param>
/// <param name="PositionIds">Position id input, <c>[batch, sequence]</c>; GenAI feeds it only when the graph has it. Default <c>position_ids</c>.</param>
/// <param name="PastKeyNames">Past key pattern, <c>[batch, kv_heads, past, head_size]</c>. Default <c>past_key_values.%d.key</c>.</param>
/// <param name="PastValueNames">Past value pattern. Default <c>past_key_values.%d.value</c>.</param>
/// <param name="Logits">Logits output, <c>[batch, sequence, vocab]</c> or <c>[batch, 1, vocab]</c> with a static 1. Default <c>logits</c>.</param>
/// <param name="PresentKeyNames">Present key pattern, <c>[batch, kv_heads, past + sequence, head_size]</c>. Default <c>present.%d.key</c>.</param>
/// <param name="PresentValueNames">Present value pattern. Default <c>present.%d.value</c>.</param>
public sealed record GenAiDecoderIoNames(
    string InputIds = "input_ids",
    string AttentionMask = "attention_mask",
    string PositionIds = "position_ids",
    string PastKeyNames = "past_key_values.%d.key",
    string PastValueNames = "past_key_values.%d.value",
    string Logits = "logits",
    string PresentKeyNames = "present.%d.key",
    string PresentValueNames = "present.%d.value")
{
    /// <summary>Gets the names GenAI uses by default (and our decoder graphs use).</summary>
    public static GenAiDecoderIoNames Default { get; } = new();
}
