namespace LocalModel.Chat;

/// <summary>The author of a <see cref="ChatTemplateMessage"/>.</summary>
public enum ChatTemplateRole
{
    /// <summary>Instructions that frame the conversation.</summary>
    System,

    /// <summary>The person (or program) asking.</summary>
    User,

    /// <summary>The model.</summary>
    Assistant,

    /// <summary>Results of tool calls the assistant made.</summary>
    Tool,
}
