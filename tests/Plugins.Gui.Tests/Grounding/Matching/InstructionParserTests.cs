using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Tests.Grounding.Matching;

public sealed class InstructionParserTests
{
    [Theory]
    [InlineData("click the Sign in button", "Sign in", "button", "click")]
    [InlineData("Click on the Compose button", "Compose", "button", "click")]
    [InlineData("press Submit", "Submit", null, "press")]
    [InlineData("tap the Log out link", "Log out", "link", "tap")]
    [InlineData("open the settings icon", "settings", "icon", "open")]
    [InlineData("type into the email field", "email", "textbox", "type")]
    [InlineData("find the search box", "search", "textbox", "find")]
    [InlineData("select the Country dropdown", "Country", "combobox", "select")]
    [InlineData("choose the Shipping tab", "Shipping", "tab", "choose")]
    [InlineData("the Inbox folder", "Inbox", "folder", null)]
    [InlineData("the Gifts department", "Gifts", "category", null)]
    [InlineData("the menu button", "menu", "button", null)]
    [InlineData("open the menu", "menu", "menu", "open")]
    [InlineData("the search bar", "search", "textbox", null)]
    [InlineData("click the button labelled Save", "Save", "button", "click")]
    [InlineData("the First name field", "First name", "textbox", null)]
    [InlineData("click Back to top", "Back to top", null, "click")]
    [InlineData("double-click the report row", "report", "row", "double click")]
    [InlineData("the Delete button in the toolbar", "Delete", "button", null)]
    public void Parse_Instruction_ExtractsTargetRoleAndVerb(string instruction, string target, string? role, string? verb)
    {
        // Act
        var parsed = InstructionParser.Parse(instruction);

        // Assert
        Assert.Equal(target, parsed.Target);
        Assert.Equal(role, parsed.Roles.Count > 0 ? parsed.Roles[0] : null);
        Assert.Equal(verb, parsed.Verb);
    }

    [Theory]
    [InlineData("the second Delete link", 2)]
    [InlineData("click the 3rd item", 3)]
    [InlineData("the last row", -1)]
    [InlineData("the second to last tab", -2)]
    [InlineData("the tenth checkbox", 10)]
    public void Parse_OrdinalWords_GiveTheOrdinal(string instruction, int expected)
    {
        // Act
        var parsed = InstructionParser.Parse(instruction);

        // Assert
        Assert.Equal(expected, parsed.Ordinal);
    }

    [Fact]
    public void Parse_FirstName_IsNotAnOrdinal()
    {
        // Act
        var parsed = InstructionParser.Parse("type into the first name field");

        // Assert
        Assert.Null(parsed.Ordinal);
        Assert.Equal("first name", parsed.Target);
    }

    [Theory]
    [InlineData("the search box at the top right", "search", 1.0, 0.0)]
    [InlineData("the button in the bottom left corner", "", 0.0, 1.0)]
    [InlineData("the upper left logo", "", 0.0, 0.0)]
    [InlineData("the Help link at the bottom of the page", "Help", null, 1.0)]
    [InlineData("the button in the middle", "", 0.5, 0.5)]
    [InlineData("the top centre button", "", 0.5, 0.0)]
    public void Parse_PositionWords_GiveAnchors(string instruction, string target, double? x, double? y)
    {
        // Act
        var parsed = InstructionParser.Parse(instruction);

        // Assert
        Assert.NotNull(parsed.Position);
        Assert.Equal(target, parsed.Target);
        Assert.Equal(x, parsed.Position.X);
        Assert.Equal(y, parsed.Position.Y);
    }

    [Theory]
    [InlineData("the red button", NamedColor.Red)]
    [InlineData("click the grey Cancel button", NamedColor.Grey)]
    [InlineData("the gray link", NamedColor.Grey)]
    [InlineData("press the dark green Save button", NamedColor.Green)]
    public void Parse_ColourWords_GiveTheColour(string instruction, NamedColor expected)
    {
        // Act
        var parsed = InstructionParser.Parse(instruction);

        // Assert
        Assert.Equal(expected, parsed.Color);
        Assert.DoesNotContain("dark", parsed.Target, System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_QuotedText_IsAnExactPhrase()
    {
        // Act
        var parsed = InstructionParser.Parse("click the \"Save draft\" button");

        // Assert
        Assert.True(parsed.IsExactPhrase);
        Assert.Equal("Save draft", parsed.Target);
        Assert.Equal("button", parsed.Roles[0]);
    }

    [Fact]
    public void Parse_TypeValueIntoField_SeparatesValueAndTarget()
    {
        // Act
        var parsed = InstructionParser.Parse("type 'hello world' into the Search field");

        // Assert
        Assert.Equal("hello world", parsed.Value);
        Assert.Equal("Search", parsed.Target);
        Assert.Equal("textbox", parsed.Roles[0]);
    }

    [Fact]
    public void Parse_CheckLabel_ImpliesACheckbox()
    {
        // Act
        var parsed = InstructionParser.Parse("check Remember me");

        // Assert
        Assert.Equal("Remember me", parsed.Target);
        Assert.Empty(parsed.Roles);
        Assert.Equal("checkbox", parsed.ImpliedRole);
    }

    [Fact]
    public void Parse_CheckTheBox_MeansACheckbox()
    {
        // Act
        var parsed = InstructionParser.Parse("tick the Terms box");

        // Assert
        Assert.Equal("Terms", parsed.Target);
        Assert.Equal("checkbox", parsed.Roles[0]);
    }

    [Fact]
    public void Parse_SelectValueFromDropdown_TargetsTheDropdown()
    {
        // Act
        var parsed = InstructionParser.Parse("select Large from the size dropdown");

        // Assert
        Assert.Equal("size", parsed.Target);
        Assert.Equal("Large", parsed.Value);
        Assert.Equal("combobox", parsed.Roles[0]);
    }
    [Theory]
    [InlineData("delete the draft", "delete draft", "delete")]
    [InlineData("Throw it in the bin", "Throw in bin", "throw")]
    [InlineData("share this page", "share page", "share")]
    public void Parse_IntentVerb_MarksAnActionAndStaysInTheTarget(string instruction, string target, string verb)
    {
        // Act
        var parsed = InstructionParser.Parse(instruction);

        // Assert
        Assert.Equal(target, parsed.Target);
        Assert.Equal(verb, parsed.Verb);
        Assert.True(parsed.HasActionVerb);
    }

    [Fact]
    public void Parse_RelationWords_KeepTheAnchorWords()
    {
        // Act
        var parsed = InstructionParser.Parse("click the little x next to travel");

        // Assert
        Assert.Equal("x travel", parsed.Target);
    }

    [Fact]
    public void Parse_ChooseFromAMenu_TargetsTheMenuItem()
    {
        // Act
        var parsed = InstructionParser.Parse("choose Word count from the menu");

        // Assert
        Assert.Equal("Word count", parsed.Target);
        Assert.Empty(parsed.Roles);
    }

    [Fact]
    public void Parse_QuotedNameWithWordsAround_KeepsThemInTheFullTarget()
    {
        // Act
        var parsed = InstructionParser.Parse("delete the \"draft\" label");

        // Assert
        Assert.Equal("draft", parsed.Target);
        Assert.Equal("delete draft", parsed.FullTarget);
        Assert.Equal("label", parsed.Roles[0]);
    }
}
