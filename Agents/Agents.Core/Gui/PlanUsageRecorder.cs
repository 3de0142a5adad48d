using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Core.Gui;

/// <summary>
/// Passes the planner's calls through and keeps the visual-token counts of the last response (<c>visual_tokens_kept</c>
/// and <c>visual_tokens_total</c> in its usage, which the local chat client reports; remote models do not). One per
/// agent, used by one run at a time; never disposes the inner client.
/// </summary>
internal sealed class PlanUsageRecorder(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public int? Kept { get; private set; }

    public int? Total { get; private set; }

    public void Reset() => (Kept, Total) = (null, null);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Kept = Count(response.Usage, "visual_tokens_kept");
        Total = Count(response.Usage, "visual_tokens_total");
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        // The inner client belongs to the caller.
    }

    private static int? Count(UsageDetails? usage, string key) =>
        usage?.AdditionalCounts is { } counts && counts.TryGetValue(key, out var value) ? (int)value : null;
}
