using Agents.Bench.Pruning;

namespace Agents.Cli.Tests.Bench;

/// <summary>FastV's per-layer prefill cost C(n) = 4nd² + 2n²d + 2ndm.</summary>
public class PrefillCostModelTests
{
    [Fact]
    public void LayerCost_SmallNumbers_MatchesFormula()
    {
        // n = 3, d = 2, m = 5: 4*3*4 + 2*9*2 + 2*3*2*5 = 48 + 36 + 60.
        Assert.Equal(144, PrefillCostModel.LayerCost(3, 2, 5));
    }

    [Fact]
    public void DecoderCost_SameTokensEveryLayer_EqualsPerLayerSum()
    {
        var uniform = PrefillCostModel.DecoderCost(10, 4, 8, 32);

        var perLayer = PrefillCostModel.DecoderCost([10, 10, 10, 10], 8, 32);

        Assert.Equal(uniform, perLayer);
    }
}
