using System.Threading.Tasks;
using LocalModel.Generation;

namespace LocalModel.Tests.Robustness;

/// <summary>Runs a request through the non-streaming or the streaming path, so tests cover both.</summary>
internal static class EngineCalls
{
    public static async Task<int> RunAsync(VlmEngine engine, GenerationRequest request, bool streaming)
    {
        if (!streaming)
        {
            var result = await engine.GenerateAsync(request);
            return result.TokenIds.Count;
        }

        var updates = 0;
        await foreach (var update in engine.GenerateStreamingAsync(request))
        {
            updates++;
        }

        return updates;
    }
}
