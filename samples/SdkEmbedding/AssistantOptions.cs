namespace Samples.SdkEmbedding;

/// <summary>The sample's options, bound from the "Assistant" section of appsettings.json (or environment variables such as Assistant__ModelPath).</summary>
internal sealed class AssistantOptions
{
    public string ModelPath { get; set; } = "LocalModel/Models/agents-mini";

    public string? PruningMethod { get; set; }

    public string? VisualTokenBudget { get; set; }

    public int MaxOutputTokens { get; set; } = 48;

    public string Instructions { get; set; } = "You are a concise assistant.";

    public string Question { get; set; } = "Hello!";
}
