using System;
using System.Collections.Generic;

namespace Plugins.Gui.TestSite;

/// <summary>One confirmed form submission, as the <c>/done</c> page lists it.</summary>
/// <param name="Username">Who was signed in.</param>
/// <param name="FullName">The "Full name" field.</param>
/// <param name="Email">The "Email" field.</param>
/// <param name="Plan">The selected plan (the dropdown's option text).</param>
/// <param name="Interests">The checked interest boxes, in page order.</param>
/// <param name="AcceptedTerms">Whether "I accept the terms" was checked.</param>
/// <param name="StartDate">The "Start date" field as entered (yyyy-MM-dd), empty when not set.</param>
/// <param name="Message">The message text area.</param>
/// <param name="Formatting">The toolbar formats applied to the message (bold, italic), in order.</param>
/// <param name="Attachment">Whether the attach button was used.</param>
/// <param name="SubmittedAt">When the server received it (UTC).</param>
public sealed record TestSiteSubmission(
    string Username,
    string FullName,
    string Email,
    string Plan,
    IReadOnlyList<string> Interests,
    bool AcceptedTerms,
    string StartDate,
    string Message,
    IReadOnlyList<string> Formatting,
    bool Attachment,
    DateTimeOffset SubmittedAt);
