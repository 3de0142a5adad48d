using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Agents.Evaluation;

/// <summary>Registers <see cref="ModelOptionsChatClient"/> in a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class ModelOptionsChatClientBuilderExtensions
{
    /// <summary>Adds <paramref name="properties"/> to the <c>AdditionalProperties</c> of every request (see <see cref="ModelOptionsChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="properties">The keys to add, e.g. <c>pruning_method</c> and <c>visual_token_budget</c>.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseModelOptions(this ChatClientBuilder builder, IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(properties);
        return builder.Use(inner => new ModelOptionsChatClient(inner, properties));
    }
}
