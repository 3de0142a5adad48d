using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Agents.Training;

/// <summary>
/// One training example as a consumer sends it: the chat messages and options a plugin gives its <see cref="IChatClient"/>
/// (images as <see cref="DataContent"/>), and the answer text the model should produce. The writer renders the messages
/// with the package's chat template, so the trainer sees exactly the prompt the runtime will build.
/// </summary>
/// <param name="Task">The task name, e.g. <c>gui-vision</c>, <c>gui-hybrid</c>, <c>affect-face</c>, <c>tool-rerank</c>.</param>
/// <param name="Messages">The messages, as the consumer sends them.</param>
/// <param name="Options">The chat options, as the consumer sends them (tools offered are rendered into the prompt); may be null.</param>
/// <param name="Answer">The text the model should generate after the prompt (without the end-of-sequence token).</param>
public sealed record TrainingSample(string Task, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, string Answer)
{
    /// <summary>Gets free-form facts about the example for analysis (label, page kind, flow id); written as strings.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();
}
