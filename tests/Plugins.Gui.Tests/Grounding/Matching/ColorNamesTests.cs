using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Tests.Grounding.Matching;

public sealed class ColorNamesTests
{
    [Theory]
    [InlineData("rgb(220, 38, 38)", NamedColor.Red)]
    [InlineData("rgb(255, 0, 0)", NamedColor.Red)]
    [InlineData("rgb(22, 163, 74)", NamedColor.Green)]
    [InlineData("rgb(37, 99, 235)", NamedColor.Blue)]
    [InlineData("rgb(13, 202, 240)", NamedColor.Blue)]
    [InlineData("rgb(250, 204, 21)", NamedColor.Yellow)]
    [InlineData("rgb(249, 115, 22)", NamedColor.Orange)]
    [InlineData("rgb(147, 51, 234)", NamedColor.Purple)]
    [InlineData("rgb(236, 72, 153)", NamedColor.Pink)]
    [InlineData("rgb(120, 63, 4)", NamedColor.Brown)]
    [InlineData("rgb(239, 239, 239)", NamedColor.Grey)]
    [InlineData("rgb(107, 114, 128)", NamedColor.Grey)]
    [InlineData("rgb(17, 17, 17)", NamedColor.Black)]
    [InlineData("rgb(255, 255, 255)", NamedColor.White)]
    [InlineData("rgba(220, 38, 38, 0.9)", NamedColor.Red)]
    [InlineData("#16a34a", NamedColor.Green)]
    [InlineData("#fff", NamedColor.White)]
    public void FromCss_CommonColours_MapToTheirName(string css, NamedColor expected)
    {
        // Act
        var name = ColorNames.FromCss(css);

        // Assert
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rgba(0, 0, 0, 0)")]
    [InlineData("transparent")]
    [InlineData("rgb(1, 2)")]
    public void FromCss_TransparentOrUnparseable_IsNull(string? css)
    {
        // Act
        var name = ColorNames.FromCss(css);

        // Assert
        Assert.Null(name);
    }
}
