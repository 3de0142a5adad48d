using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Plugins.Affect.Stimuli;

/// <summary>Adds <see cref="EmotionalStimulusChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class EmotionalStimulusChatClientBuilderExtensions
{
    /// <summary>
    /// Appends an emotional stimulus after the task prompt of each request (off until <c>Enabled = true</c>, or per request
    /// with <c>AdditionalProperties["emotional_stimulus"]</c>). Use it only on clients serving internal task prompts: the
    /// stimulus is part of what the model sees, never of the text shown to end users.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="configure">Adjusts the options (they start disabled); they are validated when the client is built.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseEmotionalStimulus(this ChatClientBuilder builder, Action<EmotionalStimulusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new EmotionalStimulusOptions();
            configure?.Invoke(options);
            return new EmotionalStimulusChatClient(inner, options, services.GetService<ILogger<EmotionalStimulusChatClient>>());
        });
    }
}
