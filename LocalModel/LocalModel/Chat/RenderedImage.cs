using System;

namespace LocalModel.Chat;

/// <summary>One image of a rendered prompt, as the client would hand it to the engine.</summary>
/// <param name="Data">The encoded image bytes (a <c>file:</c> URI's file as read from disk).</param>
/// <param name="MediaType">The media type the message gave it, e.g. <c>image/png</c>.</param>
public sealed record RenderedImage(ReadOnlyMemory<byte> Data, string MediaType);
