using System.Linq;
using Plugins.Affect.Evaluation.Faces;

namespace Plugins.Affect.Evaluation.Tests.Faces;

public sealed class FaceGeneratorTests
{
    [Fact]
    public void Design_SameSplitSeedIndex_SameSvgAndRecord()
    {
        var a = FaceGenerator.Design("train", 7, 12);
        var b = FaceGenerator.Design("train", 7, 12);

        Assert.Equal(a.Svg, b.Svg);
        Assert.Equal(a.Record.Id, b.Record.Id);
        Assert.Equal(a.Record.Clues, b.Record.Clues);
    }

    [Fact]
    public void Design_OtherSeedOrSplit_DifferentSvg()
    {
        var a = FaceGenerator.Design("train", 7, 12);

        Assert.NotEqual(a.Svg, FaceGenerator.Design("train", 8, 12).Svg);
        Assert.NotEqual(a.Svg, FaceGenerator.Design("heldout", 7, 12).Svg);
    }

    [Fact]
    public void Design_Labels_BalancedInSetOrder()
    {
        var labels = Enumerable.Range(0, 14).Select(i => FaceGenerator.Design("train", 1, i).Record.Label).ToList();

        Assert.Equal(["joy", "sadness", "anger", "fear", "surprise", "disgust", "neutral", "joy", "sadness", "anger", "fear", "surprise", "disgust", "neutral"], labels);
    }

    [Fact]
    public void DesignSpec_EveryLabel_ExpressionParametersIdentifyTheLabel()
    {
        // A hand-written rule on the expression parameters alone must recover every label.
        foreach (var split in new[] { "train", "heldout" })
        {
            for (var i = 0; i < 350; i++)
            {
                var s = FaceGenerator.DesignSpec(split, 3, i);
                var read = s.Mouth switch
                {
                    "grin" => "joy",
                    "curve" when s.MouthCurve > 0.4 => "joy",
                    "curve" when s.MouthCurve < -0.4 && s.BrowAngle < -12 => "sadness",
                    "shout" => "anger",
                    "flat" when s.BrowAngle > 15 => "anger",
                    "wavy" when s.EyeOpen > 1 && s.BrowRaise > 0.7 => "fear",
                    "o" when s.EyeOpen > 1 && s.BrowArched => "surprise",
                    "sneer" when s.BrowAsymmetric => "disgust",
                    "flat" when s.MouthCurve is > -0.1 and < 0.1 && s.BrowAngle is > -5 and < 5 => "neutral",
                    _ => "?",
                };
                Assert.True(read == s.Label, $"{split} {i}: {s.Label} drawn as {read} ({s})");
            }
        }
    }

    [Fact]
    public void DesignSpec_HeldOut_AlwaysUsesAReservedStyleThatTrainNeverUses()
    {
        var train = Enumerable.Range(0, 300).Select(i => FaceGenerator.DesignSpec("train", 5, i)).ToList();
        var heldOut = Enumerable.Range(0, 300).Select(i => FaceGenerator.DesignSpec("heldout", 5, i)).ToList();

        Assert.DoesNotContain(train, s => s.HeadShape == FaceGenerator.HeldOutShape || s.Palette == FaceGenerator.HeldOutPalette);
        Assert.All(heldOut, s => Assert.True(s.HeadShape == FaceGenerator.HeldOutShape || s.Palette == FaceGenerator.HeldOutPalette));
    }

    [Fact]
    public void Design_Clues_ShortAndTrueOfTheDrawnFeatures()
    {
        for (var i = 0; i < 70; i++)
        {
            var s = FaceGenerator.DesignSpec("train", 9, i);

            Assert.All(s.Clues, c => Assert.InRange(c.Length, 1, 40));
            Assert.Equal(s.Tears, s.Clues.Contains("tears"));
            Assert.Equal(s.Sweat, s.Clues.Contains("sweat drop"));
            Assert.Equal(s.Blush, s.Clues.Contains("rosy cheeks"));
            Assert.Equal(s.Mouth == "o", s.Clues.Contains("round open mouth"));
        }
    }

    [Fact]
    public void Design_Svg_SizeInRangeAndWellFormed()
    {
        for (var i = 0; i < 20; i++)
        {
            var item = FaceGenerator.Design("heldout", 2, i);

            Assert.InRange(item.Size, 256, 448);
            Assert.StartsWith("<svg", item.Svg, System.StringComparison.Ordinal);
            _ = System.Xml.Linq.XDocument.Parse(item.Svg);
        }
    }

    [Fact]
    public void Design_UnknownSplit_Throws()
    {
        var e = Assert.Throws<System.ArgumentException>(() => FaceGenerator.Design("test", 1, 0));

        Assert.Contains("heldout", e.Message, System.StringComparison.Ordinal);
    }
}
