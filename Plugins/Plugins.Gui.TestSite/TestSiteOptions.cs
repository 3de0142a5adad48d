using System;

namespace Plugins.Gui.TestSite;

/// <summary>Options of the <see cref="TestSiteServer"/>. Validated by <see cref="Validate"/> when the server starts.</summary>
public sealed class TestSiteOptions
{
    /// <summary>The user name that signs in. Default <c>demo</c>.</summary>
    public string Username { get; init; } = "demo";

    /// <summary>The password that signs in. Default <c>demo123</c>.</summary>
    public string Password { get; init; } = "demo123";

    /// <summary>The port to listen on at 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Throws when an option is out of range, naming the option.</summary>
    /// <exception cref="ArgumentException">An empty user name or password, or a port outside 0..65535.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Username))
        {
            throw new ArgumentException("TestSiteOptions.Username must not be empty; the default is 'demo'.", nameof(Username));
        }

        if (string.IsNullOrEmpty(Password))
        {
            throw new ArgumentException("TestSiteOptions.Password must not be empty; the default is 'demo123'.", nameof(Password));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"TestSiteOptions.Port must be in 0..65535 (0 picks a free port), got {Port}.", nameof(Port));
        }
    }
}
