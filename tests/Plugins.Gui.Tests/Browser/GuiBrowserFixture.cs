using System.Threading.Tasks;
using Plugins.Gui.Browser;

namespace Plugins.Gui.Tests.Browser;

/// <summary>One <see cref="GuiBrowser"/> (real Debian Chromium) per test class.</summary>
public sealed class GuiBrowserFixture : IAsyncLifetime
{
    public GuiBrowser Browser { get; } = new(new GuiBrowserOptions { ViewportWidth = 800, ViewportHeight = 600 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Browser.DisposeAsync();
}
