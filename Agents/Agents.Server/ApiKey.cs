using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Agents.Server.Wire;
using Microsoft.AspNetCore.Http;

namespace Agents.Server;

/// <summary>
/// The optional API key: every path but <c>/health</c> needs <c>Authorization: Bearer &lt;key&gt;</c>, compared in
/// constant time; without it the answer is 401 with OpenAI's <c>invalid_api_key</c> error.
/// </summary>
internal static class ApiKey
{
    /// <summary>Lets the request through when it carries <paramref name="key"/>, or answers 401.</summary>
    public static Task Check(HttpContext context, RequestDelegate next, string key)
    {
        if (context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) || Matches(context.Request.Headers.Authorization.ToString(), key))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ChatCompletionsEndpoint.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, writer => ChatCompletionJson.WriteError(writer, "The request has no valid API key; send 'Authorization: Bearer <key>' with the key the server was started with.", OpenAiRequestException.InvalidRequestType, null, "invalid_api_key"));
    }

    private static bool Matches(string header, string key)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(key);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
