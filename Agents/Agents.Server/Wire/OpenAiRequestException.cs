using System;
using Microsoft.AspNetCore.Http;

namespace Agents.Server.Wire;

/// <summary>
/// A request the endpoint refuses, with the HTTP status and the OpenAI error fields (<c>type</c>, <c>param</c>,
/// <c>code</c>) it is answered with. The message names the input and what was expected.
/// </summary>
public sealed class OpenAiRequestException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="OpenAiRequestException"/> class with status 400.</summary>
    public OpenAiRequestException()
        : this("The request is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenAiRequestException"/> class with status 400.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public OpenAiRequestException(string message)
        : this(message, param: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenAiRequestException"/> class with status 400.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public OpenAiRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status400BadRequest;
        ErrorType = InvalidRequestType;
    }

    /// <summary>Initializes a new instance of the <see cref="OpenAiRequestException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="param">The request field at fault (a JSON path such as <c>messages[1].content[0].image_url</c>), or null.</param>
    /// <param name="statusCode">The HTTP status. Default 400.</param>
    /// <param name="errorType">The OpenAI error type. Default <see cref="InvalidRequestType"/>.</param>
    /// <param name="code">The OpenAI error code, or null.</param>
    /// <param name="innerException">The cause, or null.</param>
    public OpenAiRequestException(string message, string? param, int statusCode = StatusCodes.Status400BadRequest, string errorType = InvalidRequestType, string? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Param = param;
        StatusCode = statusCode;
        ErrorType = errorType;
        Code = code;
    }

    /// <summary>The OpenAI error type of a malformed or unsupported request.</summary>
    public const string InvalidRequestType = "invalid_request_error";

    /// <summary>Gets the request field at fault, or null.</summary>
    public string? Param { get; }

    /// <summary>Gets the HTTP status the request is answered with.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the OpenAI error type (<c>invalid_request_error</c>, <c>rate_limit_error</c>, <c>server_error</c>, ...).</summary>
    public string ErrorType { get; }

    /// <summary>Gets the OpenAI error code, or null.</summary>
    public string? Code { get; }
}
