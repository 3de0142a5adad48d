namespace LocalModel.Chat;

/// <summary>Whether the model may or must call one of the tools offered in a <see cref="ChatTemplateRequest"/>.</summary>
public enum ChatToolChoice
{
    /// <summary>The model chooses between answering in text and calling tools.</summary>
    Auto,

    /// <summary>The model must call a tool (<see cref="ChatTemplateRequest.RequiredToolName"/>, when set).</summary>
    Required,
}
