using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Agents.Mcp;

/// <summary>
/// A <see cref="KernelFunction"/> as an <see cref="AIFunction"/> bound to one kernel: the MCP arguments become
/// <see cref="KernelArguments"/> and the function runs through <see cref="KernelFunction.InvokeAsync(Kernel, KernelArguments?, CancellationToken)"/>,
/// so the kernel's filters and services apply. Its schema is the function's own.
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
        var result = await function.InvokeAsync(kernel, new KernelArguments(arguments), cancellationToken).ConfigureAwait(false);
        return result.GetValue<object>();
    }
}
