using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using ModelContextProtocol;

namespace Agents.Mcp;

/// <summary>
/// A <see cref="KernelFunction"/> as an <see cref="AIFunction"/> bound to one kernel: the MCP arguments become
/// <see cref="KernelArguments"/> and the function runs through <see cref="KernelFunction.InvokeAsync(Kernel, KernelArguments?, CancellationToken)"/>,
/// so the kernel's filters and services apply. Its schema is the function's own. A failure reaches the client as an
/// error result with the function's message.
/// </summary>
internal sealed class KernelFunctionTool(KernelFunction function, Kernel kernel, string name) : AIFunction
{
    public override string Name => name;

    public override string Description => function.Description;

    public override JsonElement JsonSchema => function.JsonSchema;

    public override JsonElement? ReturnJsonSchema => function.ReturnJsonSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            var result = await function.InvokeAsync(kernel, new KernelArguments(arguments), cancellationToken).ConfigureAwait(false);
            return result.GetValue<object>();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not McpException)
        {
            // The plugins' exceptions name the input and the fix; the MCP SDK shows a client only an McpException's
            // message (others become "An error occurred invoking ..."), so pass it on as one.
            throw new McpException($"{name}: {ex.Message}", ex);
        }
    }
}
