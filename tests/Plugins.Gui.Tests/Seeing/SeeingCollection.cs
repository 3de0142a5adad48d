using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

/// <summary>One Chromium shared by the seeing tests, which run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SeeingCollection : ICollectionFixture<ChromiumFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Seeing (Chromium)";
}
