namespace Plugins.Tools.Evaluation.Data;

/// <summary>The <c>kind</c> values the generator writes on queries (informational; other values are allowed).</summary>
public static class ToolQueryKinds
{
    /// <summary>An instruction worded close to the tool's function ("get the weather forecast for Lisbon").</summary>
    public const string Direct = "direct";

    /// <summary>An instruction that says what the user wants in everyday words ("will I need an umbrella in Lisbon tomorrow?").</summary>
    public const string Paraphrase = "paraphrase";

    /// <summary>An instruction that comes with an image the tool works on (a receipt, a chart, a sign).</summary>
    public const string WithImage = "with-image";
}
