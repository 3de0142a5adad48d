using System;
using Plugins.Gui.Safety;

namespace Plugins.Gui.Tests.Safety;

public sealed class NavigationPolicyTests
{
    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("chrome://settings", "chrome")]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData("data:text/html,<h1>hi</h1>", "data")]
    [InlineData("blob:http://127.0.0.1:5000/0f1e2d3c", "blob")]
    [InlineData("about:version", "about")]
    [InlineData("ftp://127.0.0.1/file", "ftp")]
    public void Check_RefusedScheme_IsRefusedAndNamesTheScheme(string url, string scheme)
    {
        // Arrange
        var policy = new NavigationPolicy(["http://127.0.0.1:5000"]);

        // Act
        var decision = policy.Check(new Uri(url));

        // Assert
        Assert.False(decision.Allowed);
        Assert.Contains(scheme + ":", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("AllowedSchemes", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data:text/html,<h1>hi</h1>", "data")]
    [InlineData("blob:http://127.0.0.1:5000/0f1e2d3c", "blob:")]
    [InlineData("file:///tmp/page.html", "FILE")]
    public void Check_SchemeAllowedExplicitly_IsAllowed(string url, string scheme)
    {
        // Arrange
        var policy = new NavigationPolicy(["http://127.0.0.1:5000"], [scheme]);

        // Act
        var decision = policy.Check(new Uri(url));

        // Assert
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Fact]
    public void Check_DataAllowed_OtherRefusedSchemesStayRefused()
    {
        // Arrange
        var policy = new NavigationPolicy(null, ["data"]);

        // Act
        var decision = policy.Check(new Uri("blob:http://127.0.0.1:5000/0f1e2d3c"));

        // Assert
        Assert.False(decision.Allowed);
    }

    [Theory]
    [InlineData("http://127.0.0.2:5000/")]
    [InlineData("http://127.0.0.1:5001/")]
    [InlineData("https://127.0.0.1:5000/")]
    [InlineData("http://example.test:5000/")]
    public void Check_OtherOrigin_IsRefusedAndListsTheAllowedOnes(string url)
    {
        // Arrange
        var policy = new NavigationPolicy(["http://127.0.0.1:5000"]);

        // Act
        var decision = policy.Check(new Uri(url));

        // Assert
        Assert.False(decision.Allowed);
        Assert.Contains("http://127.0.0.1:5000", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.0.0.1:5000/form?x=1#top")]
    [InlineData("HTTP://127.0.0.1:5000/Path")]
    public void Check_AllowedOrigin_IsAllowed(string url)
    {
        // Arrange
        var policy = new NavigationPolicy(["http://127.0.0.1:5000/ignored/path"]);

        // Act
        var decision = policy.Check(new Uri(url));

        // Assert
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Fact]
    public void Check_DefaultPort_MatchesTheExplicitOne()
    {
        // Arrange
        var policy = new NavigationPolicy(["https://example.test"]);

        // Act
        var decision = policy.Check(new Uri("https://example.test:443/a"));

        // Assert
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Theory]
    [InlineData("about:blank")]
    [InlineData("about:srcdoc")]
    public void Check_AboutBlank_IsAllowedEvenBeforeAnyOrigin(string url)
    {
        // Arrange
        var policy = new NavigationPolicy();

        // Act
        var decision = policy.Check(new Uri(url));

        // Assert
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Fact]
    public void Admit_NoOriginConfigured_FirstOriginOpenedBecomesTheOnlyAllowedOne()
    {
        // Arrange
        var policy = new NavigationPolicy();
        var before = policy.Check(new Uri("http://127.0.0.1:5000/"));

        // Act
        var first = policy.Admit(new Uri("http://127.0.0.1:5000/start"));
        var second = policy.Admit(new Uri("http://127.0.0.2:5000/"));

        // Assert
        Assert.False(before.Allowed);
        Assert.True(first.Allowed, first.Reason);
        Assert.False(second.Allowed);
        Assert.Equal(["http://127.0.0.1:5000"], policy.AllowedOrigins);
        Assert.True(policy.Check(new Uri("http://127.0.0.1:5000/other")).Allowed);
    }

    [Fact]
    public void Admit_RefusedSchemeFirst_DoesNotPinAnOrigin()
    {
        // Arrange
        var policy = new NavigationPolicy();

        // Act
        var decision = policy.Admit(new Uri("data:text/html,hi"));

        // Assert
        Assert.False(decision.Allowed);
        Assert.Empty(policy.AllowedOrigins);
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("file:///tmp")]
    [InlineData("/relative")]
    public void Constructor_MalformedOrigin_ThrowsNamingIt(string origin)
    {
        // Act
        var exception = Assert.Throws<ArgumentException>(() => new NavigationPolicy([origin]));

        // Assert
        Assert.Contains(origin, exception.Message, StringComparison.Ordinal);
        Assert.Contains("http", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnparseableString_IsRefused()
    {
        // Arrange
        var policy = new NavigationPolicy(["http://127.0.0.1:5000"]);

        // Act
        var decision = policy.Check("not a url");

        // Assert
        Assert.False(decision.Allowed);
    }
}
