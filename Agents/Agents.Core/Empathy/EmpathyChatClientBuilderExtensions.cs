using System;
using Agents.Core.Empathy;
using Microsoft.Extensions.Logging;
using Plugins.Affect.Emotions;
using Plugins.Affect.Support;
using Plugins.Affect.Text;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="EmpathyChatClient"/> to a chat-client pipeline.</summary>
public static class EmpathyChatClientBuilderExtensions
{
    /// <summary>
    /// Adds the empathy middleware: each call first reads the user's tone (VADER) and, when
    /// <paramref name="classifyEmotions"/> is true, their emotions, and chooses a support strategy; the reading goes to
    /// the model as a system message. The planner and the classifier call the client below this one.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="sentiment">The tone analyzer; null for VADER.</param>
    /// <param name="classifyEmotions">Whether to classify emotions too (one more model call per turn). Default true.</param>
    /// <param name="support">The support options (strategy set, prompts); null for the defaults.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseEmpathy(this ChatClientBuilder builder, ITextSentimentAnalyzer? sentiment = null, bool classifyEmotions = true, SupportOptions? support = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var loggers = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
            var analyzer = sentiment ?? VaderSentimentAnalyzer.Shared;
            return new EmpathyChatClient(
                inner,
                analyzer,
                new SupportStrategyPlanner(inner, support, loggers?.CreateLogger<SupportStrategyPlanner>()),
                classifyEmotions ? new EmotionClassifier(inner, null, analyzer, loggers?.CreateLogger<EmotionClassifier>()) : null);
        });
    }
}
