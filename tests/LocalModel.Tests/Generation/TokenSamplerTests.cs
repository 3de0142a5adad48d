using LocalModel.Generation;

namespace LocalModel.Tests.Generation;

public class TokenSamplerTests
{
    [Fact]
    public void Next_Greedy_PicksArgMax()
    {
        var s = new LogitsPipeline(new SamplingOptions(), 5, 8);

        Assert.Equal(3, s.Next(new float[] { 0.1f, 2f, -1f, 5f, 4.9f }));
    }

    [Fact]
    public void Next_TopKOne_EqualsGreedyWhateverTheSeed()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var s = new LogitsPipeline(new SamplingOptions { Temperature = 2f, TopK = 1, Seed = seed }, 5, 8);
            Assert.Equal(4, s.Next(new float[] { 0.1f, 2f, -1f, 4.8f, 4.9f }));
        }
    }

    [Fact]
    public void Next_TopPSmall_OnlyMostLikelyToken()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var s = new LogitsPipeline(new SamplingOptions { Temperature = 1f, TopP = 0.5f, Seed = seed }, 4, 8);
            Assert.Equal(2, s.Next(new float[] { 0f, 0f, 3f, 0f }));
        }
    }

    [Fact]
    public void Next_TopKTwo_NeverPicksOutsideTopTwo()
    {
        var counts = new int[6];
        for (var seed = 0; seed < 300; seed++)
        {
            var s = new LogitsPipeline(new SamplingOptions { Temperature = 1f, TopK = 2, Seed = seed }, 6, 8);
            counts[s.Next(new float[] { 1f, 1.1f, 0.9f, 1.2f, 0.5f, 1.15f })]++;
        }

        Assert.Equal(300, counts[3] + counts[5]);
        Assert.True(counts[3] > 0 && counts[5] > 0);
    }

    [Fact]
    public void Next_RepetitionPenalty_DemotesSeenToken()
    {
        var s = new LogitsPipeline(new SamplingOptions { RepetitionPenalty = 2f }, 3, 8);
        s.Observe(0);

        // 3.0 / 2 = 1.5 < 2.0: token 1 wins once token 0 is penalised.
        Assert.Equal(1, s.Next(new float[] { 3f, 2f, -1f }));
    }

    [Fact]
    public void Next_RepetitionPenaltyNegativeLogit_Multiplies()
    {
        var s = new LogitsPipeline(new SamplingOptions { RepetitionPenalty = 2f }, 2, 8);
        s.Observe(0);
        var logits = new float[] { -1f, -1.5f };

        Assert.Equal(1, s.Next(logits));
        Assert.Equal(-2f, logits[0]);
    }
}
